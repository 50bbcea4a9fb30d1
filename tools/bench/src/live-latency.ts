/**
 * Live latency bench (spec/performance.md): event in → `agent-state` on a subscribed client, and
 * event in → coalesced `staffing` / `kpi` delta. Starts an API on a fresh PGlite (or connects to
 * `url`), connects M socket.io clients (teams, every 5th one a site), and ingests state changes
 * of N agents through POST /api/v1/ingest/agent-states-ndjson (default) or the in-process
 * IngestEvents bus (`via: 'bus'`, live pipeline only). Each event's `at` is the instant it was
 * sent, so latency = receipt time − `at` (one machine, one clock). Over HTTP the clients and the
 * event generator run in a child process, as browsers are not in the API's process: 500
 * clients decoding every packet on the API's own event loop would be measured as API latency.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AgentStateEvent, AgentStateEventPayload, KpiEventPayload, Org, StaffingEventPayload } from '@floorwatch/contracts';
import { io, type Socket } from 'socket.io-client';
import { UsersService } from '../../../apps/api/src/app/auth/users.service';
import { startLiveApp, type LiveTestApp } from '../../../apps/api/src/app/live/testing/live-test-kit';
import { withTestDatabase, type TestDatabase } from '../../../apps/api/src/testing/test-database';
import { percentile, round, type BenchFigure } from './sizes';

export interface LiveLatencyOptions {
  agents: number;
  clients: number;
  seconds: number;
  /** An API already running (its origin); otherwise one is started here on a fresh database. */
  url?: string;
  username?: string;
  password?: string;
  /** State changes per second across all agents (default agents / 10: a change every ~10 s each). */
  eventsPerSecond?: number;
  via?: 'http' | 'bus';
  /** With a local API over HTTP: clients + generator in a child process (default) or in this one. */
  clientsIn?: 'child' | 'same';
}

const TEAM_SIZE = 10;
const TEAMS_PER_SITE = 10;
const STATES = ['available', 'on_contact', 'acw', 'available', 'on_contact', 'aux:break'] as const;

function benchOrg(agents: number): Org {
  const org: Org = { sites: [], teams: [], agents: [], queues: [] };
  for (let i = 0; i < agents; i++) {
    const team = Math.floor(i / TEAM_SIZE);
    const site = Math.floor(team / TEAMS_PER_SITE);
    if (i % (TEAM_SIZE * TEAMS_PER_SITE) === 0) org.sites.push({ id: `s${site}`, name: `Site ${site}`, timezone: 'UTC' });
    if (i % TEAM_SIZE === 0) org.teams.push({ id: `t${team}`, name: `Team ${team}`, siteId: `s${site}`, leaderUserId: null });
    org.agents.push({ id: `b${i}`, name: `Agent ${i}`, teamId: `t${team}`, siteId: `s${site}`, aliases: [] });
  }
  return org;
}

async function startLocal(agents: number): Promise<{ live: LiveTestApp; db: TestDatabase; org: Org }> {
  const db = await withTestDatabase();
  const org = benchOrg(agents);
  await db.store.upsertOrg(org);
  const now = Date.now();
  await db.store.writeScheduleSegments(org.agents.map((a) => ({ agentId: a.id, start: now - 4 * 3600_000, end: now + 4 * 3600_000, activity: 'open', source: 'bench' })));
  const live = await startLiveApp(db, {});
  await live.app.get(UsersService).createUser({ username: 'bench', password: 'floorwatch', roles: ['admin'], agentId: null, teamIds: [], siteIds: [] });
  await live.reload();
  return { live, db, org };
}

async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username} at ${url}: HTTP ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

function connect(url: string, token: string, scope: string): Promise<Socket> {
  const socket = io(`${url}/live`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      socket.timeout(10_000).emit('subscribe', { scope }, (err: Error | null, ack: { ok: boolean; error?: string }) => {
        if (err || !ack.ok) reject(new Error(`subscribe ${scope}: ${err?.message ?? ack.error}`));
        else resolve(socket);
      });
    });
  });
}

function summary(name: string, size: string, ms: number[], goalP99: number): BenchFigure {
  const sorted = [...ms].sort((a, b) => a - b);
  if (sorted.length === 0) return { name, size, value: null, unit: 'ms', skipped: 'no events received' };
  return {
    name,
    size,
    value: round(percentile(sorted, 99)),
    unit: 'ms (p99)',
    details: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1]), received: sorted.length, goalP99Ms: goalP99 },
  };
}

export async function benchLiveLatency(options: LiveLatencyOptions): Promise<BenchFigure[]> {
  const via = options.url ? 'http' : (options.via ?? 'http');
  const local = options.url ? null : await startLocal(options.agents);
  try {
    if (local && via === 'http' && (options.clientsIn ?? 'child') === 'child') {
      const figures = await inChildProcess({ ...options, url: local.live.url, username: 'bench', password: 'floorwatch' });
      return figures.map((f) => ({ ...f, size: `${f.size}; clients + generator in a child process` }));
    }
    return await measure(options, via, local);
  } finally {
    if (local) {
      await local.live.app.close();
      await local.db.close();
    }
  }
}

/** Clients and generator in this process, against `options.url` or the local API. */
async function measure(options: LiveLatencyOptions, via: 'http' | 'bus', local: { live: LiveTestApp; org: Org } | null): Promise<BenchFigure[]> {
  const { agents, clients, seconds } = options;
  const url = options.url ?? (local as { live: LiveTestApp }).live.url;
  const token = await login(url, options.username ?? (local ? 'bench' : 'admin'), options.password ?? 'floorwatch');
  const org = local?.org ?? benchOrg(agents);
  const sockets: Socket[] = [];
  const stateMs: number[] = [];
  const staffingMs: number[] = [];
  const kpiMs: number[] = [];
  try {
    for (let c = 0; c < clients; c++) {
      const scope = c % 5 === 4 ? `site:${org.sites[c % org.sites.length].id}` : `team:${org.teams[c % org.teams.length].id}`;
      const s = await connect(url, token, scope);
      s.on('agent-state', (p: AgentStateEventPayload) => stateMs.push(Date.now() - Date.parse(p.at)));
      s.on('staffing', (p: StaffingEventPayload) => staffingMs.push(Date.now() - Date.parse(p.at)));
      s.on('kpi', (p: KpiEventPayload) => kpiMs.push(Date.now() - Date.parse(p.at)));
      sockets.push(s);
    }
    const rate = options.eventsPerSecond ?? Math.max(1, agents / 10);
    const tickMs = 100;
    const stateOf = new Map<string, number>();
    let sent = 0;
    const send = async (forSeconds: number): Promise<void> => {
      const started = performance.now();
      while (performance.now() - started < forSeconds * 1000) {
        const t0 = performance.now();
        const n = Math.max(1, Math.round((rate * tickMs) / 1000));
        const at = Date.now();
        const records: AgentStateEvent[] = [];
        for (let i = 0; i < n; i++) {
          const id = org.agents[Math.floor(Math.random() * org.agents.length)].id;
          const k = ((stateOf.get(id) ?? 0) + 1) % STATES.length;
          stateOf.set(id, k);
          records.push({ agentId: id, at, state: STATES[k] });
        }
        if (via === 'bus' && local) {
          local.live.ingest.publish({ kind: 'state', format: 'bench', records });
        } else {
          const body = records.map((r) => JSON.stringify({ agentId: r.agentId, at: new Date(r.at).toISOString(), state: r.state })).join('\n') + '\n';
          const res = await fetch(`${url}/api/v1/ingest/agent-states-ndjson?source=bench`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' }, body });
          if (!res.ok) throw new Error(`ingest: HTTP ${res.status} ${await res.text()}`);
        }
        sent += n;
        await new Promise((r) => setTimeout(r, Math.max(0, tickMs - (performance.now() - t0))));
      }
    };
    // Warm-up, not measured: the first state batch moves the agent-time rollup's watermark over
    // the hours of schedule written at setup for every agent (≈ 2 s once at 5 000 agents), and
    // the snapshots' first kpi/staffing pushes go by. Then the steady state is measured.
    await send(2);
    await new Promise((r) => setTimeout(r, 1500));
    stateMs.length = staffingMs.length = kpiMs.length = 0;
    sent = 0;
    await send(seconds);
    await new Promise((r) => setTimeout(r, 2500)); // the last coalesced pushes
    const size = `${agents} agents, ${clients} clients, ${seconds} s, ${sent} state events (${rate}/s) via ${via === 'bus' ? 'IngestEvents bus' : 'HTTP NDJSON ingest'}`;
    return [
      summary('live: event in → agent-state', size, stateMs, 100),
      summary('live: event in → staffing', size, staffingMs, 1000),
      summary('live: event in → kpi delta', size, kpiMs, 1000),
    ];
  } finally {
    for (const s of sockets) s.close();
  }
}

/** Runs this file as a client of the API at `o.url` in a child process; its figures (JSON lines on stdout). */
function inChildProcess(o: LiveLatencyOptions & { url: string; username: string; password: string }): Promise<BenchFigure[]> {
  const args = ['-r', join(__dirname, '..', '..', 'register.cjs'), __filename, '--url', o.url, '--agents', String(o.agents), '--clients', String(o.clients), '--seconds', String(o.seconds), '--username', o.username, '--password', o.password];
  if (o.eventsPerSecond !== undefined) args.push('--rate', String(o.eventsPerSecond));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`live clients process exited ${code}: ${err.trim().split('\n').pop() ?? ''}`));
      resolve(out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as BenchFigure));
    });
  });
}

if (require.main === module) {
  const flag = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const arg = (name: string, fallback: number): number => Number(flag(name) ?? fallback);
  benchLiveLatency({
    agents: arg('agents', 500),
    clients: arg('clients', 50),
    seconds: arg('seconds', 20),
    eventsPerSecond: flag('rate') === undefined ? undefined : Number(flag('rate')),
    url: flag('url'),
    username: flag('username'),
    password: flag('password'),
    via: flag('via') === 'bus' ? 'bus' : 'http',
    clientsIn: flag('clients-in') === 'same' ? 'same' : 'child',
  })
    .then((figures) => {
      for (const f of figures) console.log(JSON.stringify(f));
      process.exit(0);
    })
    .catch((e: unknown) => {
      console.error(`live-latency: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    });
}
