import fc from 'fast-check';
import type { Scope } from '@floorwatch/contracts';
import type { SelfServiceGroupBy } from '@floorwatch/kpi';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';
import { expectSameSessionKpis, SESSION_ORG, sessionKpisBothWays } from './session-rollup-kit';

/*
 * Every self-service KPI from the session rollups (whole local days from the day rows, the rest of
 * the aligned intervals from the 15-minute rows, raw head and tail) equals the
 * overlay over raw sessions, whatever the sessions (open, closed, updated to another outcome and
 * start), the contacts they hand over to or that repeat them, the order and batches they arrive in
 * (contacts before or after their sessions), per-batch refresh or bulk ingest + the product's
 * rebuild, the scope, the grouping, the window and asOf (subjects pending, eligible or mixed).
 */
const DAY = 86_400_000;
const W = 7 * DAY;
const D0 = Date.parse('2024-05-01T00:00:00Z');
const BYS: (SelfServiceGroupBy | undefined)[] = [undefined, 'site', 'entryPoint', 'intent', 'lastNode', 'channel', 'day', 'hour', 'interval', 'coverage', 'direction'];
const SCOPES: Scope[] = [{ kind: 'enterprise' }, { kind: 'site', id: 's1' }, { kind: 'site', id: 's2' }, { kind: 'site', id: 'unassigned' }];

const sessionArb = fc.record({
  customer: fc.constantFrom('C1', 'C2', 'C3', null),
  channel: fc.constantFrom('ivr', 'chatbot'),
  entry: fc.constantFrom('+44800', 'ivr1', 'web-2', 'X9'),
  // Spread over 3 days, or crowded into half an hour (several entry points' rows in one interval and day).
  start: fc.oneof(fc.integer({ min: 0, max: 3 * DAY }), fc.integer({ min: DAY - 900_000, max: DAY + 900_000 })),
  // Some over a day long: a day row more than a day before asOf − W can still be mixed.
  seconds: fc.constantFrom(3, 9, 10, 45, 600, 6 * 3_600, 36 * 3_600, 2 * 86_400),
  outcome: fc.constantFrom('contained', 'contained', 'transferred', 'abandoned', 'error', null),
  intent: fc.constantFrom('billing', 'sales', null),
  node: fc.constantFrom('menu', 'idv', null),
  id: fc.constantFrom([true, true], [true, false], [false, null], [null, null]),
  target: fc.integer({ min: 0, max: 9 }),
  // A later copy of the session (selfservice.md §2 update): another outcome, maybe another start.
  update: fc.option(fc.record({ outcome: fc.constantFrom('contained', 'transferred', 'abandoned'), shift: fc.constantFrom(0, 0, 1_200_000) }), { nil: null }),
});
const contactArb = fc.record({
  customer: fc.constantFrom('C1', 'C2', 'C3', null),
  start: fc.integer({ min: 0, max: 4 * DAY }),
  wait: fc.integer({ min: 0, max: 300 }),
  answered: fc.boolean(),
});
// Windows: whole UTC days, or starting and ending mid-day (whole local days in the middle, partial
// edges: London is UTC+1 and Chicago UTC−5 in May), some unaligned (raw head and tail).
const windowArb = fc.record({
  from: fc.constantFrom(0, 7 * 60_000, 5 * 3_600_000, 23 * 3_600_000 + 900_000),
  length: fc.constantFrom(DAY, 2 * DAY + 23 * 60_000, 3 * DAY - 6 * 3_600_000, 4 * DAY),
});
const queryArb = fc.record({
  scope: fc.constantFrom(...SCOPES), by: fc.constantFrom(...BYS, 'day', 'lastNode', 'intent', 'site'), window: windowArb,
  // Day keys in UTC, a site's zone, or one no day row is kept in.
  tz: fc.constantFrom(undefined, undefined, 'UTC', 'America/Chicago', 'Asia/Tokyo'),
  // asOf − W anywhere, or among the sessions (rows and days mixed: some subjects eligible, some pending).
  asOf: fc.oneof(fc.integer({ min: DAY, max: W + 5 * DAY }), fc.integer({ min: W + DAY - 3_600_000, max: W + DAY + 4 * 3_600_000 }), fc.integer({ min: W, max: W + 3 * DAY }), fc.integer({ min: W + 2 * DAY, max: W + 3 * DAY })),
});

const iso = (t: number): string => new Date(D0 + t).toISOString();

let db: TestDatabase;
beforeAll(async () => {
  db = await withTestDatabase();
});
afterAll(() => db?.close());

let dayReads = 0;

it('self-service KPIs: session rollup (day and 15-minute rows) = raw sessions for any sessions, contacts, arrival order, bulk rebuild, scope, grouping and asOf', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(sessionArb, { minLength: 1, maxLength: 10 }),
      fc.array(contactArb, { minLength: 0, maxLength: 8 }),
      fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
      fc.integer({ min: 2, max: 8 }),
      fc.boolean(),
      fc.array(queryArb, { minLength: 5, maxLength: 5 }),
      async (sessions, contacts, order, batchSize, bulk, queries) => {
        await db.truncate();
        const svc = services(db);
        await ingestText(svc.ingest, 'org', SESSION_ORG);
        const records: { format: string; line: string }[] = [];
        contacts.forEach((c, i) => {
          const end = c.start + c.wait * 1000 + 120_000;
          records.push({ format: 'contacts-ndjson', line: JSON.stringify({ contactId: `K${i}`, segmentId: `K${i}`, channel: 'voice', queueId: 'q1', reason: 'sales', agentId: c.answered ? 'a1' : null, customerKey: c.customer, enqueuedAt: iso(c.start), answeredAt: c.answered ? iso(c.start + c.wait * 1000) : null, endedAt: iso(end), waitSeconds: c.wait, talkSeconds: c.answered ? 120 : 0, holdSeconds: 0, acwSeconds: 0, outcome: c.answered ? 'handled' : 'abandoned', transferredTo: null }) });
        });
        sessions.forEach((s, i) => {
          const closed = s.outcome !== null;
          const copy = (outcome: string | null, shift: number, version: string | null) => ({
            sessionId: `S${i}`, customerKey: s.customer, channel: s.channel, entryPoint: s.entry, startedAt: iso(s.start + shift),
            endedAt: outcome === null ? null : iso(s.start + shift + s.seconds * 1000), outcome, intent: s.intent, lastNode: s.node,
            idAttempted: s.id[0], idPassed: s.id[1], transferredContactId: outcome === 'transferred' ? `K${s.target}` : null, ...(version ? { updatedAt: version } : {}),
          });
          records.push({ format: 'selfservice-ndjson', line: JSON.stringify(copy(closed ? s.outcome : null, 0, null)) });
          if (s.update) records.push({ format: 'selfservice-ndjson', line: JSON.stringify(copy(s.update.outcome, s.update.shift, iso(5 * DAY))) });
        });
        // A random arrival order, in batches of one format each.
        const shuffled = records.map((r, i) => ({ r, k: order[i % order.length] * 100 + i })).sort((a, b) => a.k - b.k).map((x) => x.r);
        for (let i = 0; i < shuffled.length; i += batchSize) {
          const batch = shuffled.slice(i, i + batchSize);
          for (const format of ['contacts-ndjson', 'selfservice-ndjson']) {
            const lines = batch.filter((r) => r.format === format).map((r) => r.line);
            if (lines.length) await ingestText(svc.ingest, format, lines.join('\n') + '\n', { source: `b${i}-${format}`, deferRollups: bulk });
          }
        }
        if (bulk) await svc.ingest.rebuildRollups();
        for (const q of queries) {
          const from = D0 + q.window.from;
          const to = from + q.window.length;
          const { rolled, raw, rolledMs, rolledDays } = await sessionKpisBothWays(db, { scope: q.scope, from, to, asOf: D0 + q.asOf, by: q.by, ...(q.tz ? { tz: q.tz } : {}) });
          expect(rolledMs).toBeGreaterThan(0);
          dayReads += rolledDays;
          expectSameSessionKpis(rolled, raw);
        }
      },
    ),
    // PostgreSQL truncates ~60 tables per run: fewer runs there, the same property.
    { numRuns: process.env['TEST_DATABASE_URL'] ? 6 : 20 },
  );
  // The day rows were really read (whole local days inside some windows).
  expect(dayReads).toBeGreaterThan(0);
}, 600_000);
