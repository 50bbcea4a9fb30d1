import { Injectable } from '@nestjs/common';
import type { AlertInstance, Me, Scope } from '@floorwatch/contracts';
import type { IndexedOrg } from '../org/org-lookup';

export type AlertSnapshotReader = (user: Me, scope: Scope, org: IndexedOrg) => Promise<AlertInstance[]>;

/**
 * Where a `/live` snapshot gets its alerts from. The alerts feature depends on the live module
 * (delivery), so it registers its reader here instead of the gateway importing it; without the
 * alerts feature a snapshot carries none.
 */
@Injectable()
export class LiveAlertSource {
  private reader: AlertSnapshotReader | null = null;

  register(reader: AlertSnapshotReader): void {
    this.reader = reader;
  }

  read(user: Me, scope: Scope, org: IndexedOrg): Promise<AlertInstance[]> {
    return this.reader ? this.reader(user, scope, org) : Promise.resolve([]);
  }
}
