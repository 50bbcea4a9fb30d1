import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Me, Message } from '@floorwatch/contracts';
import { enforce } from '../auth/authorize';
import { CurrentUser } from '../auth/current-user.decorator';
import { maySendMessage } from '../auth/permissions';
import { jsonSchemaOf, validate } from '../common/validation';
import { OrgService } from '../org/org.service';
import { requireKnownScope } from '../org/scope-exists';
import { idSchema, sendMessageSchema } from './messages.dto';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly orgs: OrgService,
  ) {}

  @Get()
  async list(@CurrentUser() user: Me): Promise<Message[]> {
    return this.messages.list(user, await this.orgs.get());
  }

  @Post()
  @ApiBody({ schema: jsonSchemaOf(sendMessageSchema) })
  async send(@CurrentUser() user: Me, @Body() body: unknown): Promise<Message> {
    const req = validate(sendMessageSchema, body);
    const org = await this.orgs.get();
    enforce(maySendMessage(user, req.toScope, org));
    requireKnownScope(req.toScope, org, 'toScope');
    return this.messages.send(user, req);
  }

  @Post(':id/read')
  @HttpCode(200)
  async read(@CurrentUser() user: Me, @Param('id') id: string): Promise<Message> {
    return this.messages.markRead(user, validate(idSchema, { id }).id, await this.orgs.get());
  }
}
