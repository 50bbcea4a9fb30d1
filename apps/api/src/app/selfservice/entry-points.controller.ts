import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Me, UnknownEntryPoint } from '@floorwatch/contracts';
import { requireAction } from '../auth/authorize';
import { CurrentUser } from '../auth/current-user.decorator';
import { RecordStore } from '../database/record-store';
import { unknownEntryPoints } from './unknown-entry-points';

@ApiTags('self-service')
@ApiBearerAuth()
@Controller()
export class EntryPointsController {
  constructor(private readonly store: RecordStore) {}

  /** Entry points named by sessions but missing from the org (their sessions count as site `unassigned`): admin only. */
  @Get('entry-points/unknown')
  unknown(@CurrentUser() user: Me): Promise<UnknownEntryPoint[]> {
    requireAction(user, 'admin:org');
    return unknownEntryPoints(this.store);
  }
}
