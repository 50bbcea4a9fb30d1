import { Controller, Get, HttpCode, Param, Post, Query, Req, ServiceUnavailableException } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FEED_FORMATS, type IngestSummary, type Me, type QuarantineItem } from '@floorwatch/contracts';
import type { ByteSource } from '@floorwatch/feeds';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { requireAction } from '../auth/authorize';
import { CurrentUser } from '../auth/current-user.decorator';
import { badRequest, validate } from '../common/validation';
import { IngestInputError, IngestInterruptedError, IngestService, isFeedFormat } from './ingest.service';
import { QuarantineService, type UnmappedOrg } from './quarantine.service';
import { limitUpload, uploadLimitsFromEnv } from './upload-limits';

const quarantineQuery = z.object({
  source: z.string().min(1).max(1000).optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100_000).optional(),
});
const ingestQuery = z.object({
  source: z.string().min(1).max(1000).optional(),
  // customer.md: `?hotline=false` raises no HOTLINE cases (backfills)
  hotline: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});

@ApiTags('ingest')
@ApiBearerAuth()
@Controller()
export class IngestController {
  constructor(
    private readonly ingestService: IngestService,
    private readonly quarantine: QuarantineService,
  ) {}

  /**
   * The body is streamed into the parser batch by batch, never buffered whole. Send it as
   * text/plain, application/x-ndjson, text/csv or application/octet-stream: an application/json
   * body is parsed by the JSON body parser first (100 kB limit) and is re-serialised here.
   */
  @Post('ingest/:format')
  @HttpCode(200)
  @ApiConsumes('text/plain', 'application/octet-stream', 'application/x-ndjson', 'text/csv')
  @ApiQuery({ name: 'source', required: false, description: 'name stored with quarantined lines (default upload:<format>)' })
  async ingest(@CurrentUser() user: Me, @Param('format') format: string, @Query() query: Record<string, unknown>, @Req() req: IncomingMessage & { body?: unknown }): Promise<IngestSummary> {
    requireAction(user, 'ingest');
    if (!isFeedFormat(format)) throw badRequest('format', `unknown feed format "${format}"; expected one of ${FEED_FORMATS.join(', ')}`);
    const q = validate(ingestQuery, query);
    const source = q.source ?? `upload:${format}`;
    const parsed = req.readableEnded && req.body !== null && typeof req.body === 'object';
    const limited = limitUpload(parsed ? Readable.from([Buffer.from(JSON.stringify(req.body))]) : req, uploadLimitsFromEnv());
    const body: ByteSource = limited.stream;
    try {
      return await this.ingestService.ingest(format, body, { source, hotline: q.hotline !== 'false' });
    } catch (err) {
      const limit = limited.tripped();
      if (limit) throw limit.toHttp();
      if (err instanceof IngestInputError) throw badRequest('format', err.message);
      if (err instanceof IngestInterruptedError) throw new ServiceUnavailableException(err.message);
      throw err;
    }
  }

  @Get('quarantine')
  @ApiQuery({ name: 'source', required: false })
  @ApiQuery({ name: 'limit', required: false })
  async list(@CurrentUser() user: Me, @Query() query: Record<string, unknown>): Promise<QuarantineItem[]> {
    requireAction(user, 'quarantine:read');
    return this.quarantine.list(validate(quarantineQuery, query));
  }

  @Post('quarantine/:id/resolve')
  @HttpCode(200)
  async resolve(@CurrentUser() user: Me, @Param('id') id: string): Promise<QuarantineItem> {
    requireAction(user, 'quarantine:resolve');
    return this.quarantine.resolve(id);
  }

  @Get('quarantine/unmapped')
  async unmapped(@CurrentUser() user: Me): Promise<UnmappedOrg> {
    requireAction(user, 'quarantine:read');
    return this.quarantine.unmapped();
  }
}
