import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchAdherence } from '../../../libs/kpi/src/bench/adherence-bench';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Browser } from 'playwright-core';
import { AppModule } from '../../../apps/api/src/app/app.module';
import { UsersService } from '../../../apps/api/src/app/auth/users.service';
import { loginAs } from '../../../apps/api/src/app/common/testing/test-app';
import type { DatabaseHandle } from '../../../apps/api/src/app/database/open-database';
import { LIVE_OPTIONS, type LiveOptions } from '../../../apps/api/src/app/live/live-options';
import { configureApp } from '../../../apps/api/src/main';
import { benchLiveLatency } from './live-latency';
import { measureRender, summarise, type RenderPage } from './render-bench';
import { round, type BenchFigure, type BenchSize } from './sizes';

export function adherenceFigure(agents: number): BenchFigure {
  const r = benchAdherence(agents);
  return {
    name: 'adherence (computeKpis, in process)',
    size: `${r.agents} agents x 1 day, ${r.segments} schedule segments, ${r.events} state events`,
    value: round(r.ungroupedMs, 1),
    unit: 'ms ungrouped',
    details: { byAgentMs: round(r.byAgentMs, 1), byHourMs: round(r.byHourMs, 1), adherencePct: r.adherencePct },
  };
}

/** Live latency at the size's agents and clients (clients and event generator in a child process). */
export async function liveFigures(size: BenchSize): Promise<BenchFigure[]> {
  return benchLiveLatency({ agents: size.liveAgents, clients: size.liveClients, seconds: size.liveSeconds });
}

const WEB_DIR = join(__dirname, '..', '..', '..', 'dist', 'apps', 'web', 'browser');
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RENDER_USERS = { agent: 'bench-render-agent', desk: 'bench-render-desk' } as const;

/**
 * The production app (AppModule: REST, live gateway, the built web app with SPA fallback) on
 * the bench's database, listening on a free port, with the live clock at the bench world's
 * `nowMs` (as the live tests shift it) so the live figures are the world's "today". The bench
 * keeps its handle: closing the app leaves the database open.
 */
export async function startWebApp(handle: DatabaseHandle, nowMs: number): Promise<{ app: INestApplication; base: string }> {
  const borrowed: DatabaseHandle = { ...handle, close: async () => undefined };
  const app = configureApp(await NestFactory.create(AppModule.forRoot({ database: { handle: borrowed }, webDir: WEB_DIR, demo: null }), { logger: false }));
  // The live state reads its clock through these options; set before init (listen) loads it.
  const offset = nowMs - Date.now();
  app.get<LiveOptions>(LIVE_OPTIONS).now = () => Date.now() + offset;
  await app.listen(0, '127.0.0.1');
  return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}

/** An agent user for the busiest agent of the world's last hours, a control-desk user for every site; their tokens. */
export async function renderUsers(app: INestApplication, handle: DatabaseHandle, nowMs: number): Promise<{ agent: string; desk: string; agentId: string }> {
  const db = handle.dataSource;
  const [busiest] = (await db.query(
    `SELECT agent_id AS id FROM contacts WHERE agent_id IS NOT NULL AND enqueued_at >= $1 AND enqueued_at < $2 GROUP BY agent_id ORDER BY count(*) DESC, agent_id LIMIT 1`,
    [new Date(nowMs - 8 * 3_600_000), new Date(nowMs)],
  )) as { id: string }[];
  if (!busiest) throw new Error('no agent handled a contact in the 8 hours before the bench clock');
  const sites = ((await db.query('SELECT id FROM sites ORDER BY id')) as { id: string }[]).map((s) => s.id);
  const users = app.get(UsersService);
  // A kept (reused) bench database already has them from an earlier run.
  await db.query('DELETE FROM users WHERE username = ANY($1::text[])', [Object.values(RENDER_USERS)]);
  await users.createUser({ username: RENDER_USERS.agent, password: 'floorwatch', roles: ['agent'], agentId: busiest.id, teamIds: [], siteIds: [] });
  await users.createUser({ username: RENDER_USERS.desk, password: 'floorwatch', roles: ['control_desk'], agentId: null, teamIds: [], siteIds: sites });
  return { agent: await loginAs(app, RENDER_USERS.agent), desk: await loginAs(app, RENDER_USERS.desk), agentId: busiest.id };
}

/**
 * First render of the built web app in headless Chromium, agent and control-desk pages: ms from
 * navigation start to the frame after the first KPI figure holds a number (agent: a summary
 * tile's value; desk: a site card's figure), cold (empty HTTP cache) and warm (returning user).
 * The page's clock is the bench world's `nowMs` (both pages open on "today").
 */
export async function renderFigures(handle: DatabaseHandle | null, label: string, nowMs: number, loads: number): Promise<BenchFigure[]> {
  const name = (page: string, cache: string) => `dashboard first render: ${page} page, ${cache} HTTP cache (headless Chromium, ${label})`;
  const skip = (why: string): BenchFigure[] => ['agent', 'control-desk'].map((p) => ({ name: name(p, 'cold'), size: 'built app', value: null, unit: 'ms p95 to first KPI tile', skipped: why }));
  if (!existsSync(join(WEB_DIR, 'index.html'))) return skip('web build missing (dist/apps/web/browser): run `npx nx build web` first');
  if (!existsSync(CHROMIUM)) return skip(`${CHROMIUM} not found`);
  if (!handle) return skip('no database to serve the app from');
  const { chromium } = await import('playwright-core');
  const web = await startWebApp(handle, nowMs);
  let browser: Browser | null = null;
  try {
    const users = await renderUsers(web.app, handle, nowMs);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 60_000 });
    const pages: RenderPage[] = [
      { name: 'agent', path: '/agent', selector: 'app-summary-tiles app-kpi-tile .value', token: users.agent },
      { name: 'control-desk', path: '/desk', selector: 'app-site-card .stat .val', token: users.desk },
    ];
    const out: BenchFigure[] = [];
    for (const page of pages) {
      const r = await measureRender(browser, web.base, page, nowMs, loads);
      for (const cache of ['cold', 'warm'] as const) {
        const s = summarise(r[cache]);
        if (r[cache].ms.length === 0) {
          out.push({ name: name(page.name, cache), size: `${page.path}`, value: null, unit: 'ms p95 to first KPI tile', skipped: `every load failed: ${r[cache].failed[0] ?? "?"}` });
          continue;
        }
        out.push({
          name: name(page.name, cache), size: `${page.path} as ${page.name === 'agent' ? `agent ${users.agentId}` : 'control desk (every site)'}, ${loads} loads`,
          value: s.p95, unit: 'ms p95 to first KPI tile',
          details: { p50Ms: s.p50, p95Ms: s.p95, loadsMs: r[cache].ms.map((v) => round(v, 0)).join(' '), domP50Ms: s.domP50, requestsBeforeTileP50: s.requestsP50, firstLoadApiCalls: apiCalls(r[cache].waterfall).join('; '), slowestLaterLoadApiCalls: r[cache].slowestMs ? `${round(r[cache].slowestMs, 0)} ms: ${apiCalls(r[cache].slowestWaterfall).join('; ')}` : null, slowestLaterLoadScripts: r[cache].slowestMs ? scriptSpan(r[cache].slowestWaterfall) : null, failedLoads: r[cache].failed.length, firstFailure: r[cache].failed[0] ?? null, goalMs: 1000 },
        });
      }
    }
    return out;
  } catch (e) {
    return skip(`render bench failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    await web.app.close();
  }
}

/** The first load's API calls before the tile, as "path start→end ms" (scripts and styles left out). */
function apiCalls(waterfall: [string, number, number][]): string[] {
  return waterfall.filter(([path]) => path.startsWith('/api/')).map(([path, start, end]) => `${path} ${start}→${end} ms`);
}

/** The app's code in a load: how many files, from the first one's start to the last one's end. */
function scriptSpan(waterfall: [string, number, number][]): string {
  const js = waterfall.filter(([path]) => path.endsWith('.js'));
  if (js.length === 0) return 'none';
  return `${js.length} files ${Math.min(...js.map((w) => w[1]))}→${Math.max(...js.map((w) => w[2]))} ms`;
}

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await work();
  return [r, performance.now() - t0];
}
