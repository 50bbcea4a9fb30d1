import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchAdherence } from '../../../libs/kpi/src/bench/adherence-bench';
import type { HttpKpiBench } from './kpi-bench';
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

type LiveBench = (options: { agents: number; clients: number; seconds: number }) => Promise<BenchFigure[] | Record<string, number>>;

/** benchLiveLatency lives in live-latency.ts once the live engineer lands it; until then the row is skipped. */
export async function liveFigures(size: BenchSize): Promise<BenchFigure[]> {
  const name = 'live: event in -> agent-state / staffing / kpi on a subscribed client';
  const sizeText = `${size.liveAgents} agents, ${size.liveClients} clients`;
  const file = join(__dirname, 'live-latency.ts');
  if (!existsSync(file)) return [{ name, size: sizeText, value: null, unit: 'ms p99', skipped: 'tools/bench/src/live-latency.ts (benchLiveLatency) has not landed' }];
  const mod = (await import(file)) as { benchLiveLatency?: LiveBench };
  if (!mod.benchLiveLatency) return [{ name, size: sizeText, value: null, unit: 'ms p99', skipped: 'live-latency.ts exports no benchLiveLatency' }];
  const r = await mod.benchLiveLatency({ agents: size.liveAgents, clients: size.liveClients, seconds: size.liveSeconds });
  if (Array.isArray(r)) return r;
  const p99 = Object.entries(r).find(([k]) => /p99/i.test(k))?.[1] ?? null;
  return [{ name, size: sizeText, value: p99, unit: 'ms p99', details: r }];
}

const WEB_DIR = join(__dirname, '..', '..', '..', 'dist', 'apps', 'web', 'browser');
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * First render of the built web app in headless Chromium: the API serves dist/apps/web/browser
 * (SPA fallback), the page is opened with the bench token, time to the first KPI tile.
 */
export async function renderFigures(api: HttpKpiBench | null): Promise<BenchFigure[]> {
  const name = (page: string) => `dashboard first render: ${page} page (headless Chromium)`;
  const skip = (why: string): BenchFigure[] => ['agent', 'control-desk'].map((p) => ({ name: name(p), size: 'built app', value: null, unit: 'ms to first KPI tile', skipped: why }));
  if (!existsSync(join(WEB_DIR, 'index.html'))) return skip('web build missing (dist/apps/web/browser): run the web build first');
  if (!existsSync(CHROMIUM)) return skip(`${CHROMIUM} not found`);
  if (!api) return skip('no API to serve the app');
  return skip('time to first KPI tile needs the web app’s login/token handshake wired into the bench (not done yet)');
}

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await work();
  return [r, performance.now() - t0];
}
