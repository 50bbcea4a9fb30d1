import { Controller, Get, Req, Res, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpRequest, HttpResponse as Response } from '../common/http-types';
import { Public } from '../auth/public.decorator';
import { MetricsService } from './metrics.service';

@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /**
   * Prometheus scrape: with METRICS_TOKEN set, only `Authorization: Bearer <METRICS_TOKEN>`;
   * without it, only when METRICS_PUBLIC=1 (e.g. a scraper on a private network). Otherwise 401:
   * metrics tell an outsider about load, routes and volumes.
   */
  @Get()
  async scrape(@Req() req: HttpRequest, @Res() res: Response): Promise<void> {
    if (!metricsAllowed(req.headers.authorization, process.env)) throw new UnauthorizedException('metrics need METRICS_TOKEN (or METRICS_PUBLIC=1)');
    const { contentType, body } = await this.metrics.render();
    res.setHeader('Content-Type', contentType);
    res.send(body);
  }
}

export function metricsAllowed(authorization: string | undefined, env: NodeJS.ProcessEnv): boolean {
  const token = env['METRICS_TOKEN'];
  if (!token) return env['METRICS_PUBLIC'] === '1';
  const given = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(token));
}
