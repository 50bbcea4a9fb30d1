import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateWorld, writeFeeds } from '@floorwatch/simulator';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { RecordReader } from '../database/record-reader';
import { ingestText, services } from '../ingest/ingest-test-kit';
import { chunkRanges, type AgentRange } from './agent-time-rollup';
import { expectSameKpiRows } from './rollup-test-kit';

const Q = 900_000;
const range = (agentId: string, intervals: number, from = 0): AgentRange => ({ agentId, from, to: from + intervals * Q });
const shape = (chunks: AgentRange[][]) => chunks.map((c) => c.map((r) => r.agentId).join(''));

describe('chunkRanges: at most N agents and M agent-intervals a read', () => {
  it('cuts at the agent-interval budget: 10 + 10 = 20 fit in 25, + 10 = 30 does not', () => {
    expect(shape(chunkRanges([range('a', 10), range('b', 10), range('c', 10), range('d', 10)], 3, 25))).toEqual(['ab', 'cd']);
  });
  it('cuts at the agent count: 5 one-interval agents, 2 a chunk', () => {
    expect(shape(chunkRanges(['a', 'b', 'c', 'd', 'e'].map((id) => range(id, 1)), 2, 100))).toEqual(['ab', 'cd', 'e']);
  });
  it('gives an agent longer than the budget a chunk of its own, and counts a partial interval as one', () => {
    expect(shape(chunkRanges([range('a', 2), range('b', 100), { agentId: 'c', from: 0, to: Q / 2 }], 10, 25))).toEqual(['a', 'b', 'c']);
    expect(chunkRanges([], 10, 25)).toEqual([]);
  });
});

/*
 * A deployment that publishes the month's schedule before connecting its ACD: the first state
 * batch starts the agent-time watermark at the schedule's first day, so one refresh covers every
 * agent over the whole month. It must read in bounded chunks (40 agents × 29+ days ≈ 112 000
 * agent-intervals: at most 48 000 a read, so ≥ 3 reads of ≤ 17 agents) and still equal raw.
 */
describe('a month of schedule, then the first hours of agent states', () => {
  let db: TestDatabase;
  let dir: string;
  let svc: ReturnType<typeof services>;
  let world: ReturnType<typeof generateWorld>;
  const reads: number[] = [];

  beforeAll(async () => {
    db = await withTestDatabase();
    svc = services(db);
    world = generateWorld({ seed: 3, days: 29, endAt: Date.parse('2024-06-12T15:00:00Z'), agents: 40, liveDays: 0 });
    dir = mkdtempSync(join(tmpdir(), 'fw-month-'));
    for (const f of writeFeeds(world, dir).filter((f) => f.format === 'org' || f.format === 'wfm-schedule')) {
      await svc.ingest.ingest(f.format, createReadStream(f.file), { source: f.file });
    }
    const spy = jest.spyOn(RecordReader.prototype, 'loadStateEvents');
    const lastHours = world.stateEvents.filter((e) => e.at >= world.endAt - 6 * 3_600_000);
    const lines = lastHours.map((e) => JSON.stringify({ agentId: e.agentId, at: new Date(e.at).toISOString(), state: e.state })).join('\n');
    await ingestText(svc.ingest, 'agent-states-ndjson', lines + '\n');
    for (const call of spy.mock.calls) reads.push(call[0]?.length ?? Infinity);
    spy.mockRestore();
  }, 240_000);

  afterAll(async () => {
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('recomputed the month in reads of at most 17 agents (⌊48 000 / 2 784⌋ for 29 days)', () => {
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...reads)).toBeLessThanOrEqual(17);
  });

  it('gives the raw answer by agent over the month', async () => {
    const q = { scope: { kind: 'enterprise' as const }, from: world.startAt, to: world.endAt, by: 'agent' as const, asOf: world.endAt };
    svc.kpis.useRollups = true;
    const viaRollup = await svc.kpis.query(q);
    expect(svc.kpis.lastPath).toBe('rollup');
    svc.kpis.useRollups = false;
    const raw = await svc.kpis.query(q);
    expect(viaRollup.rows.length).toBe(40);
    expectSameKpiRows(viaRollup.rows, raw.rows);
  });
});
