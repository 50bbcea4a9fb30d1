import type { Socket } from 'socket.io-client';
import type { AdherenceExceptionPayload, AgentStateEventPayload, KpiEventPayload, LiveSnapshot, StaffingEventPayload } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { loginAs } from '../common/testing/test-app';
import { seedWorld } from '../common/testing/world';
import { clockFrom, connectClient, nextEvent, startLiveApp, subscribe, type LiveTestApp } from './testing/live-test-kit';

let db: TestDatabase;
let live: LiveTestApp;
const sockets: Socket[] = [];

beforeAll(async () => {
  db = await withTestDatabase();
  // 10:00 on the seeded day: a1 is scheduled open (09–12) and available since 08:58.
  live = await startLiveApp(db, { now: clockFrom('2026-03-02T10:00:00Z'), rtaThresholdSeconds: 1, tickMs: 100 });
  await seedWorld(db, live.app);
  await live.reload();
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await live.app.close();
  await db.close();
});

async function client(user: string, scope: string): Promise<Socket> {
  const s = await connectClient(live.url, await loginAs(live.app, user));
  sockets.push(s);
  expect(await subscribe(s, scope)).toEqual({ ok: true });
  return s;
}

describe('ingested state changes go live', () => {
  it('an ingested state change arrives as agent-state with `at` and a per-scope seq', async () => {
    const lead = await client('lead', 'team:t1');
    const other = await client('desk', 'site:nyc');
    const at = live.state.now();
    const got = nextEvent<AgentStateEventPayload>(lead, 'agent-state', (p) => p.agentId === 'a2');
    let leaked = false;
    other.on('agent-state', () => (leaked = true));
    live.ingest.publish({ kind: 'state', format: 'test', records: [{ agentId: 'a2', at, state: 'available' }] });
    const p = await got;
    expect(p).toEqual({
      at: new Date(at).toISOString(),
      agentId: 'a2',
      teamId: 't1',
      siteId: 'lon',
      state: 'available',
      since: new Date(at).toISOString(),
      scope: 'team:t1',
      seq: 1,
    });
    expect(leaked).toBe(false);
  });

  it('out of adherence past the threshold raises adherence-exception, back in adherence clears it', async () => {
    const agent = await client('agent', 'agent:a1');
    const out = live.state.now();
    const raised = nextEvent<AdherenceExceptionPayload>(agent, 'adherence-exception', (p) => p.agentId === 'a1', 5000);
    // Break during open time: out of adherence from `out`; threshold 1 s, so raised at out + 1 s.
    live.ingest.publish({ kind: 'state', format: 'test', records: [{ agentId: 'a1', at: out, state: 'aux:break' }] });
    const ex = await raised;
    expect(ex).toMatchObject({ agentId: 'a1', teamId: 't1', siteId: 'lon', activity: 'open', state: 'aux:break', since: new Date(out).toISOString() });
    expect(ex.at).toBe(new Date(out + 1000).toISOString());

    const back = live.state.now();
    const cleared = nextEvent<AdherenceExceptionPayload>(agent, 'adherence-cleared', (p) => p.agentId === 'a1');
    live.ingest.publish({ kind: 'state', format: 'test', records: [{ agentId: 'a1', at: back, state: 'available' }] });
    const c = await cleared;
    expect(c).toMatchObject({ agentId: 'a1', since: new Date(out).toISOString(), at: new Date(back).toISOString() });
    expect(c.seq).toBeGreaterThan(ex.seq ?? Infinity);
  });

  it('a state change reaches the site desk as a coalesced staffing row and kpi delta', async () => {
    const desk = await client('desk', 'site:lon');
    const staffing = nextEvent<StaffingEventPayload>(desk, 'staffing', (p) => p.siteId === 'lon' && p.row.actualAgents === 3, 3000);
    const kpi = nextEvent<KpiEventPayload>(desk, 'kpi', (p) => p.scope === 'site:lon', 3000);
    const at = live.state.now();
    // a1 and a2 are available already; a3 logs in → 3 productive agents in lon now.
    live.ingest.publish({ kind: 'state', format: 'test', records: [{ agentId: 'a3', at, state: 'on_contact' }] });
    const s = await staffing;
    // 10:00–10:15: a1 is the only agent scheduled open in lon → 1 agent-equivalent; no forecast → required null.
    expect(s.row).toMatchObject({ intervalStart: '2026-03-02T10:00:00.000Z', scheduledAgents: 1, actualAgents: 3, requiredAgents: null, staffingGap: null });
    expect(Date.parse(s.at)).toBeLessThanOrEqual(at + 1);
    const k = await kpi;
    expect(Object.keys(k.kpis).length).toBeGreaterThan(0);
  });

  it('a site nobody watches keeps its snapshot figures until a record of it comes in', async () => {
    // Each computation of the site's tiles reads its contacts, of its staffing row its forecasts.
    const tiles = jest.spyOn(live.state.records, 'contactsIn');
    const staffing = jest.spyOn(live.state.records, 'forecastsOf');
    const snapshotOf = async (): Promise<LiveSnapshot> => {
      const s = await connectClient(live.url, await loginAs(live.app, 'desk'));
      sockets.push(s);
      const snap = nextEvent<LiveSnapshot>(s, 'snapshot');
      expect(await subscribe(s, 'site:nyc')).toEqual({ ok: true });
      const got = await snap;
      s.close();
      await new Promise((r) => setTimeout(r, 300)); // the server sees the room empty
      return got;
    };
    for (const s of sockets) s.close(); // the earlier tests' clients watch site:nyc too
    live.ingest.publish({ kind: 'state', format: 'test', records: [{ agentId: 'n1', at: live.state.now(), state: 'available' }] });
    await new Promise((r) => setTimeout(r, 300));
    const first = await snapshotOf();
    const calls = [tiles.mock.calls.length, staffing.mock.calls.length];
    // Reopened with nothing new: the same figures, not recomputed.
    const again = await snapshotOf();
    expect([tiles.mock.calls.length, staffing.mock.calls.length]).toEqual(calls);
    expect(again.kpis).toEqual(first.kpis);
    expect(again.staffing.map((s) => s.row)).toEqual(first.staffing.map((s) => s.row));
    // n1 goes on a break while nobody watches: the next snapshot is computed afresh, one productive agent fewer.
    live.ingest.publish({ kind: 'state', format: 'test', records: [{ agentId: 'n1', at: live.state.now(), state: 'aux:break' }] });
    await new Promise((r) => setTimeout(r, 200));
    const after = await snapshotOf();
    expect([tiles.mock.calls.length, staffing.mock.calls.length]).toEqual([calls[0] + 1, calls[1] + 1]);
    expect(after.staffing[0].row.actualAgents).toBe(first.staffing[0].row.actualAgents - 1);
    tiles.mockRestore();
    staffing.mockRestore();
  });
});
