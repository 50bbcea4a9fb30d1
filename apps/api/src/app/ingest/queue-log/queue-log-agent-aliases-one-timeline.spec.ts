import { withTestDatabase, type TestDatabase } from '../../../testing/test-database';
import { ingestText, services } from '../ingest-test-kit';

/*
 * One org agent whose queue_log lines name it under two aliases (Agent/1001 for the sales queue,
 * SIP/1001 for support): the end-of-run agents pass replays both aliases' lines through ONE state
 * machine. Replayed apart, SIP/1001's ADDMEMBER during Agent/1001's lunch made the agent
 * `available` at 09:20 (a logged-out member joining), where one timeline stays on lunch (joining one
 * more queue does not end a break, feeds.md).
 */
const org = {
  sites: [{ id: 's1', name: 'North', timezone: 'UTC' }],
  teams: [{ id: 't1', name: 'Team One', siteId: 's1', leaderUserId: null }],
  agents: [{ id: 'a1', name: 'Ann', teamId: 't1', aliases: ['Agent/1001', 'SIP/1001'] }],
  queues: [
    { id: 'q1', name: 'Sales', channel: 'voice', siteId: 's1', aliases: ['sales'], slSeconds: 20 },
    { id: 'q2', name: 'Support', channel: 'voice', siteId: 's1', aliases: ['support'], slSeconds: 20 },
  ],
};
const schedule = [
  'agent_id,start,end,activity',
  'a1,2024-06-10T09:00:00Z,2024-06-10T09:10:00Z,open',
  'a1,2024-06-10T09:10:00Z,2024-06-10T09:40:00Z,lunch',
  'a1,2024-06-10T09:40:00Z,2024-06-10T10:00:00Z,open',
].join('\n');
const t = (hhmm: string): number => Date.parse(`2024-06-10T${hhmm}:00Z`) / 1000;
const LINES = [
  `${t('09:00')}|NONE|sales|Agent/1001|ADDMEMBER|`,
  `${t('09:10')}|NONE|NONE|Agent/1001|PAUSE|Lunch`,
  `${t('09:20')}|NONE|support|SIP/1001|ADDMEMBER|`,
  `${t('09:45')}|NONE|NONE|SIP/1001|UNPAUSE|`,
  `${t('10:00')}|NONE|sales|Agent/1001|REMOVEMEMBER|`,
  `${t('10:00')}|NONE|support|SIP/1001|REMOVEMEMBER|`,
];
const window = { scope: { kind: 'agent' as const, id: 'a1' }, from: t('09:00') * 1000, to: t('11:00') * 1000, asOf: t('12:00') * 1000 };

describe('an org agent known under two queue_log aliases is one state timeline', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await withTestDatabase();
  }, 120_000);
  afterAll(() => db?.close());

  it.each([
    ['one file', [LINES]],
    ['each alias in its own file, SIP/1001 first', [LINES.filter((l) => l.includes('SIP/')), LINES.filter((l) => l.includes('Agent/'))]],
    ['line by line, latest first', LINES.map((l) => [l]).reverse()],
  ])('%s: lunch 09:10–09:45, back at 09:45; adherence 3 300 / 3 600', async (_, files) => {
    await db.truncate();
    const svc = services(db);
    await ingestText(svc.ingest, 'org', JSON.stringify(org));
    await ingestText(svc.ingest, 'wfm-schedule', schedule);
    for (const [i, lines] of files.entries()) await ingestText(svc.ingest, 'queue_log', lines.join('\n') + '\n', { source: `ql-${i}` });
    const states = await db.store.query<{ at: Date; state: string }>(`SELECT at, state FROM agent_state_events WHERE agent_id = 'a1' ORDER BY at, seq`);
    expect(states.map((s) => [new Date(s.at).toISOString().slice(11, 16), s.state])).toEqual([
      ['09:00', 'available'],
      ['09:10', 'aux:lunch'],
      ['09:45', 'available'],
      ['10:00', 'logged_out'],
    ]);
    for (const useRollups of [true, false]) {
      svc.kpis.useRollups = useRollups;
      const k = (await svc.kpis.query(window)).rows[0].kpis;
      // logged in 09:00–10:00 = 3 600 s; available 09:00–09:10 + 09:45–10:00 = 600 + 900 = 1 500 s; aux 09:10–09:45 = 2 100 s
      expect([k.loggedInSeconds, k.availableSeconds, k.auxSeconds]).toEqual([3600, 1500, 2100]);
      // in adherence: open 09:00–09:10 available 600 + lunch 09:10–09:40 on lunch 1 800 + open 09:40–10:00 available from 09:45 900
      // = 3 300 of 3 600 scheduled → 91.67 % (the 5 late minutes back from lunch are out)
      expect(k.adherencePct).toBeCloseTo((100 * 3300) / 3600, 6);
    }
  });
});
