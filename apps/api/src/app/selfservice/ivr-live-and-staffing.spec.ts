import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';
import { ivrFigures, withIvrTransfers } from './ivr-figures';

const ms = (iso: string): number => Date.parse(iso);
const nd = (...objs: object[]): string => objs.map((o) => JSON.stringify(o)).join('\n') + '\n';
const org = {
  sites: [{ id: 'lon', name: 'London', timezone: 'Europe/London' }, { id: 'chi', name: 'Chicago', timezone: 'America/Chicago' }],
  entryPoints: [{ id: 'lon-ivr', name: 'London IVR', siteId: 'lon', aliases: ['0800-100'] }, { id: 'chi-ivr', name: 'Chicago IVR', siteId: 'chi', aliases: ['+1800'] }],
};
const s = (id: string, start: string, end: string | null, outcome: string | null, ep = '0800-100') => ({ sessionId: id, channel: 'ivr', entryPoint: ep, startedAt: start, ...(end ? { endedAt: end, outcome } : {}) });

describe('selfservice.md §5: ivr event figures and staffing ivrTransfers', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  });
  afterAll(() => db.close());

  it('London (selfservice-ndjson): 2 open now, 2 transfers in the 10:00 interval, opt-out 2 / (4 − 1 short) ; Chicago (CTR only): ivrNow null', async () => {
    const svc = services(db);
    await ingestText(svc.ingest, 'org', JSON.stringify(org));
    await ingestText(svc.ingest, 'selfservice-ndjson', nd(
      s('o1', '2026-03-02T10:05:00Z', null, null),
      s('o2', '2026-03-02T10:06:00Z', null, null),
      s('t1', '2026-03-02T10:00:00Z', '2026-03-02T10:01:00Z', 'transferred'),
      s('t2', '2026-03-02T09:58:00Z', '2026-03-02T10:02:00Z', 'transferred'), // started 09:58: transfer counts by endedAt, not in the 10:00 opt-out base
      s('c1', '2026-03-02T10:02:00Z', '2026-03-02T10:03:00Z', 'contained'),
      s('a1', '2026-03-02T10:03:00Z', '2026-03-02T10:03:05Z', 'abandoned'), // 5 s: short abandon
      s('t3', '2026-03-02T10:04:00Z', '2026-03-02T10:05:00Z', 'transferred'),
    ));
    await ingestText(svc.ingest, 'connect-ctr', nd({ ContactId: 'x1', Channel: 'VOICE', InitiationMethod: 'INBOUND', InitiationTimestamp: '2026-03-02T10:00:00Z', DisconnectTimestamp: '2026-03-02T10:01:00Z', SystemEndpoint: { Address: '+1800' }, CustomerEndpoint: { Address: '+1555' }, DisconnectReason: 'CONTACT_FLOW_DISCONNECT' }));
    const figures = await ivrFigures(db.store, ms('2026-03-02T10:07:30Z'));
    const lon = figures.find((f) => f.siteId === 'lon');
    const chi = figures.find((f) => f.siteId === 'chi');
    // interval 10:00: offered (closed, started ≥ 10:00) t1, c1, a1, t3 = 4; short 1; base 3; transferred t1, t3 = 2
    expect(lon).toEqual({ at: '2026-03-02T10:07:30.000Z', siteId: 'lon', ivrNow: 2, intervalStart: '2026-03-02T10:00:00.000Z', transfers: 3, ivrOptOutPct: (100 * 2) / 3 });
    expect([chi?.ivrNow, chi?.transfers, chi?.ivrOptOutPct]).toEqual([null, 0, 0]);

    const rows = [{ intervalStart: '2026-03-02T09:45:00.000Z', requiredAgents: 1, scheduledAgents: 1, actualAgents: 1, staffingGap: 0, scheduleGap: 0 }, { intervalStart: '2026-03-02T10:00:00.000Z', requiredAgents: 1, scheduledAgents: 1, actualAgents: 1, staffingGap: 0, scheduleGap: 0 }];
    const withIvr = await withIvrTransfers(db.store, 'lon', rows, ms('2026-03-02T09:45:00Z'), ms('2026-03-02T10:15:00Z'));
    expect(withIvr.map((r) => r.ivrTransfers)).toEqual([0, 3]); // t1 10:01, t2 10:02, t3 10:05
  });
});
