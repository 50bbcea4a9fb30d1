import type { INestApplication } from '@nestjs/common';
import type { TestDatabase } from '../../../testing/test-database';
import { UsersService } from '../../auth/users.service';
import { seedOrg } from './fixtures';

const t = (iso: string): number => Date.parse(iso);

/**
 * The org of fixtures.ts, demo users (+ `sitemgr`, manager of lon), and one day of records on
 * 2026-03-02 (London is on GMT then, so local = UTC):
 * - a1 schedule: open 09–12, lunch 12–13, open 13–17; states: available 08:58, aux:lunch 12:00,
 *   available 13:05 (5 minutes late back), logged_out 17:00.
 * - a1 handled two lon-voice calls: 200+20+60 = 280 s and 300+0+40 = 340 s.
 * - a3 (team t2) handled one lon-voice call of 600 s; n1 (nyc) one nyc-voice call of 900 s.
 */
export async function seedWorld(db: TestDatabase, app: INestApplication): Promise<void> {
  await seedOrg(db.dataSource);
  const users = app.get(UsersService);
  await users.ensureDemoUsers();
  await users.createUser({ username: 'sitemgr', password: 'floorwatch', roles: ['manager'], agentId: null, teamIds: [], siteIds: ['lon'] });
  const src = 'test';
  await db.store.writeScheduleSegments([
    { agentId: 'a1', start: t('2026-03-02T09:00:00Z'), end: t('2026-03-02T12:00:00Z'), activity: 'open', source: src },
    { agentId: 'a1', start: t('2026-03-02T12:00:00Z'), end: t('2026-03-02T13:00:00Z'), activity: 'lunch', source: src },
    { agentId: 'a1', start: t('2026-03-02T13:00:00Z'), end: t('2026-03-02T17:00:00Z'), activity: 'open', source: src },
  ]);
  await db.store.writeStateEvents([
    { agentId: 'a1', at: t('2026-03-02T08:58:00Z'), state: 'available', source: src },
    { agentId: 'a1', at: t('2026-03-02T12:00:00Z'), state: 'aux:lunch', source: src },
    { agentId: 'a1', at: t('2026-03-02T13:05:00Z'), state: 'available', source: src },
    { agentId: 'a1', at: t('2026-03-02T17:00:00Z'), state: 'logged_out', source: src },
  ]);
  const call = (id: string, agentId: string, queueId: string, siteId: string, teamId: string, at: string, talk: number, hold: number, acw: number) => {
    const enqueuedAt = t(at);
    const answeredAt = enqueuedAt + 10_000;
    return {
      source: src, contactId: id, segmentId: '1', channel: 'voice' as const, queueId, reason: queueId, agentId, customerKey: null,
      enqueuedAt, answeredAt, endedAt: answeredAt + (talk + hold) * 1000, waitSeconds: 10, talkSeconds: talk, holdSeconds: hold,
      acwSeconds: acw, outcome: 'handled' as const, transferredTo: null, siteId, teamId,
    };
  };
  await db.store.writeContacts([
    call('k1', 'a1', 'lon-voice', 'lon', 't1', '2026-03-02T10:00:00Z', 200, 20, 60),
    call('k2', 'a1', 'lon-voice', 'lon', 't1', '2026-03-02T14:00:00Z', 300, 0, 40),
    call('k3', 'a3', 'lon-voice', 'lon', 't2', '2026-03-02T11:00:00Z', 600, 0, 0),
    call('k4', 'n1', 'nyc-voice', 'nyc', 'tn', '2026-03-02T15:00:00Z', 900, 0, 0),
  ]);
}

export const DAY = { from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' };
