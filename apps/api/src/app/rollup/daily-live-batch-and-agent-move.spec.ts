import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KpiRow, Scope } from '@floorwatch/contracts';
import { generateWorld } from '@floorwatch/simulator';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { ingestText, services } from '../ingest/ingest-test-kit';
import type { IngestService } from '../ingest/ingest.service';
import type { KpiQueryService } from '../kpi/kpi-query.service';
import type { OrgService } from '../org/org.service';
import { DAILY_STATE_KEY, type DailyState } from './daily-refresh';
import { AGENT_TIME_THROUGH_KEY } from './rollup.service';
import { expectSameKpiRows, ingestSimulatedWorld } from './rollup-test-kit';

/*
 * The live feed's usual batch (state events at or after the agent-time watermark W) leaves the
 * day rows alone without re-hashing the agent → site mapping. An agent moved to another site in
 * between is therefore picked up by the next batch that has work; until then the reader sees the
 * stale fingerprint and reads agent time from the 15-minute rows, so answers stay the raw ones.
 */
const END = Date.parse('2024-06-12T15:00:00Z');
const FROM = Date.parse('2024-06-09T00:00:00Z');
const TO = Date.parse('2024-06-12T00:00:00Z');

let db: TestDatabase;
let ingest: IngestService;
let kpis: KpiQueryService;
let orgs: OrgService;
let dir: string;

beforeAll(async () => {
  db = await withTestDatabase();
  ({ ingest, kpis, orgs } = services(db));
  dir = mkdtempSync(join(tmpdir(), 'fw-daily-live-'));
  await ingestSimulatedWorld(ingest, generateWorld({ seed: 5, days: 4, endAt: END, agents: 30 }), dir, 5000);
}, 300_000);

afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const stateLine = (agentId: string, at: number, state: string) => JSON.stringify({ agentId, at: new Date(at).toISOString(), state });
const dayRowCounts = async () =>
  db.dataSource.query(`SELECT (SELECT count(*) FROM rollup_contacts_day)::int AS c, (SELECT count(*) FROM rollup_agent_time_day)::int AS a`);

/** Rollup path and raw path for a site by day over whole UTC days. */
async function siteByDay(siteId: string): Promise<{ rollup: KpiRow[]; raw: KpiRow[]; agentDays: number }> {
  const q = { scope: { kind: 'site', id: siteId } as Scope, from: FROM, to: TO, by: 'day' as const, tz: 'UTC' };
  kpis.useRollups = true;
  const rollup = (await kpis.query(q)).rows;
  const agentDays = kpis.lastDailyAgentRanges;
  kpis.useRollups = false;
  const raw = (await kpis.query(q)).rows;
  kpis.useRollups = true;
  return { rollup, raw, agentDays };
}

it('a live batch at the watermark leaves the day rows and the daily state as they were; a moved agent is picked up by the next batch with work', async () => {
  const w = (await db.store.getSetting<number>(AGENT_TIME_THROUGH_KEY)) as number;
  const before = (await db.store.getSetting<DailyState>(DAILY_STATE_KEY)) as DailyState;
  const countsBefore = await dayRowCounts();
  expect(before.through).toBe(w);
  expect(countsBefore[0].a).toBeGreaterThan(0);

  const org = (await orgs.get()).org;
  const [mover] = org.agents;
  const otherSite = org.sites.find((s) => s.id !== mover.siteId) as { id: string };
  const otherTeam = org.teams.find((t) => t.siteId === otherSite.id) as { id: string };

  // 1. One minute after W (same interval, W does not move): nothing daily to do.
  await ingestText(ingest, 'agent-states-ndjson', stateLine(mover.id, w + 60_000, 'available') + '\n', { source: 'live-1' });
  expect(await db.store.getSetting<DailyState>(DAILY_STATE_KEY)).toEqual(before);
  expect(await dayRowCounts()).toEqual(countsBefore);

  // 2. Move the agent, then another live batch: the stored fingerprint is still the old mapping,
  //    so the reader must not use the agent-time day rows (built with the agent at the old site).
  await db.store.upsertOrg({ agents: [{ ...mover, siteId: otherSite.id, teamId: otherTeam.id }] });
  await orgs.refresh();
  await ingestText(ingest, 'agent-states-ndjson', stateLine(mover.id, w + 120_000, 'on_contact') + '\n', { source: 'live-2' });
  expect(((await db.store.getSetting<DailyState>(DAILY_STATE_KEY)) as DailyState).agentSites).toBe(before.agentSites);
  for (const site of [mover.siteId, otherSite.id]) {
    const r = await siteByDay(site);
    expect(r.agentDays).toBe(0);
    expectSameKpiRows(r.rollup, r.raw);
  }

  // 3. A late event (two hours before W) is work: the day rows are rebuilt for the new mapping.
  await ingestText(ingest, 'agent-states-ndjson', stateLine(mover.id, w - 2 * 3_600_000, 'aux:break') + '\n', { source: 'late-1' });
  expect(((await db.store.getSetting<DailyState>(DAILY_STATE_KEY)) as DailyState).agentSites).not.toBe(before.agentSites);
  for (const site of [mover.siteId, otherSite.id]) {
    const r = await siteByDay(site);
    expect(r.agentDays).toBeGreaterThan(0);
    expect(r.rollup.length).toBeGreaterThan(0);
    expectSameKpiRows(r.rollup, r.raw);
  }
}, 120_000);
