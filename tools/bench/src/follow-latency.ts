/**
 * Followed file → /live (spec/performance.md: "followed file: appended line → /live subscriber
 * (`fw ingest --follow`) 200 lines/s, p99 < 1 s"). The API (live gateway) runs here on a fresh
 * PGlite with the follower of `fw ingest --follow` in the same process (its local sink: the
 * ingest service, as the CLI on the API's database); a desk client subscribed to the enterprise.
 * Lines are queue_log PAUSE/UNPAUSE of 200 agents, appended in 20 ms slices at `linesPerSecond`;
 * each line changes its agent's state once, and its latency is from the append to the
 * `agent-state` event that shows it (the desk's agent tile).
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentStateEventPayload, Org } from '@floorwatch/contracts';
import { UsersService } from '../../../apps/api/src/app/auth/users.service';
import { loginAs } from '../../../apps/api/src/app/common/testing/test-app';
import { LineFollower } from '../../../apps/api/src/app/follow/line-follower';
import { ingestSink } from '../../../apps/api/src/app/follow/line-sink';
import { FilePositionStore } from '../../../apps/api/src/app/follow/position-store';
import { IngestService } from '../../../apps/api/src/app/ingest/ingest.service';
import { connectClient, startLiveApp, subscribe } from '../../../apps/api/src/app/live/testing/live-test-kit';
import { withTestDatabase } from '../../../apps/api/src/testing/test-database';
import { percentile, round, type BenchFigure } from './sizes';

const AGENTS = 200;

function org(): Org {
  return {
    sites: [{ id: 's0', name: 'Site 0', timezone: 'UTC' }],
    teams: [{ id: 't0', name: 'Team 0', siteId: 's0', leaderUserId: null }],
    agents: Array.from({ length: AGENTS }, (_, i) => ({ id: `f${i}`, name: `Agent ${i}`, teamId: 't0', siteId: 's0', aliases: [`Agent/${2000 + i}`] })),
    queues: [{ id: 'sales', name: 'Sales', channel: 'voice', siteId: 's0', aliases: ['sales'], slSeconds: 20 }],
  };
}

export async function benchFollowLatency(o: { seconds: number; linesPerSecond?: number }): Promise<BenchFigure> {
  const rate = o.linesPerSecond ?? 200;
  const name = 'followed file: appended line → /live agent-state (fw ingest --follow)';
  const size = `${rate} lines/s for ${o.seconds} s, ${AGENTS} agents, PGlite, follower polling 100 ms, in the API's process`;
  const dir = mkdtempSync(join(tmpdir(), 'fw-bench-follow-'));
  const db = await withTestDatabase();
  const live = await startLiveApp(db, {});
  const ingest = live.app.get(IngestService);
  const file = join(dir, 'queue_log');
  const sent = new Map<string, number>();
  const ms: number[] = [];
  let follower: LineFollower | null = null;
  let run: Promise<unknown> | null = null;
  try {
    await db.store.upsertOrg(org());
    await live.app.get(UsersService).createUser({ username: 'bench-desk', password: 'floorwatch', roles: ['control_desk'], agentId: null, teamIds: [], siteIds: [] });
    const t0 = Math.floor(Date.now() / 1000) - 60;
    writeFileSync(file, Array.from({ length: AGENTS }, (_, i) => `${t0}|CLI|sales|Agent/${2000 + i}|ADDMEMBER|\n`).join(''));
    await live.reload();
    follower = new LineFollower({ path: file, sink: ingestSink(ingest, 'queue_log', file), positions: new FilePositionStore(join(dir, 'state.json')), pollMs: 100 });
    run = follower.run();
    const socket = await connectClient(live.url, await loginAs(live.app, 'bench-desk'));
    socket.on('agent-state', (p: AgentStateEventPayload) => {
      const key = `${p.agentId}|${Date.parse(p.at)}`;
      const at = sent.get(key);
      if (at !== undefined) {
        ms.push(Date.now() - at);
        sent.delete(key);
      }
    });
    if (!(await subscribe(socket, 'enterprise')).ok) throw new Error('bench-desk could not subscribe to the enterprise');
    await new Promise((r) => setTimeout(r, 2000)); // the ADDMEMBER lines in
    const paused = new Array<boolean>(AGENTS).fill(false);
    let n = 0;
    const start = Date.now();
    while (Date.now() - start < o.seconds * 1000) {
      const due = Math.floor(((Date.now() - start) / 1000) * rate);
      let text = '';
      const now = Date.now();
      // queue_log times are whole seconds: one change per agent per second (agent, second) names the line's event.
      const sec = Math.floor(now / 1000);
      for (; n < due; n++) {
        const a = n % AGENTS;
        paused[a] = !paused[a];
        text += `${sec}|CLI|sales|Agent/${2000 + a}|${paused[a] ? 'PAUSE|Break' : 'UNPAUSE|'}\n`;
        sent.set(`f${a}|${sec * 1000}`, now);
      }
      if (text) appendFileSync(file, text);
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 3000)); // the tail of the stream
    socket.close();
    const sorted = ms.sort((a, b) => a - b);
    if (!sorted.length) return { name, size, value: null, unit: 'ms', skipped: 'no agent-state received' };
    return {
      name,
      size,
      value: round(percentile(sorted, 99)),
      unit: 'ms (p99)',
      details: { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1]), appended: n, received: sorted.length, goalP99Ms: 1000 },
    };
  } finally {
    follower?.stop();
    await run?.catch(() => undefined);
    await live.app.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
