// Browser end-to-end run: the demo on a free port with a fresh data directory, headless Chromium
// through every role's view. One line per check (`ok …` / `not ok … — reason`), screenshots of
// every view in e2e/screenshots/, exit 1 when anything failed. Always stops server and browser.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, type E2eBrowser } from './lib/browser';
import { localDay, type E2eContext } from './lib/context';
import { Report, oneLine } from './lib/report';
import { accepts, outsideAddresses, startServer, tail, waitForHealth, type RunningServer } from './lib/server';
import { adminChecks } from './roles/admin';
import { agentChecks } from './roles/agent';
import { deskChecks } from './roles/desk';
import { managerChecks } from './roles/manager';
import { teamChecks } from './roles/team';

const ROOT = join(__dirname, '..');
const SHOTS = join(__dirname, 'screenshots');
const GLOBAL_TIMEOUT_MS = Number(process.env['E2E_TIMEOUT_MS'] || 8 * 60_000);
/** Demo history, days: long enough that hour 13 is the agent's worst and the team's totals settle. */
const DAYS = Number(process.env['E2E_DEMO_DAYS'] || 14);

const report = new Report();
let server: RunningServer | null = null;
let browser: E2eBrowser | null = null;
let finished = false;

async function cleanup(): Promise<void> {
  await browser?.close().catch(() => undefined);
  browser = null;
  await server?.stop().catch(() => undefined);
  server = null;
}

async function finish(code: number): Promise<never> {
  if (!finished) {
    finished = true;
    await cleanup();
  }
  process.exit(code);
}

/** Demo users exist and the backfill is in: the manager sees handled contacts. */
async function waitForDemo(url: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let last = '';
  while (Date.now() - started < timeoutMs) {
    try {
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'manager', password: 'floorwatch' }),
      });
      if (login.ok) {
        const { accessToken } = (await login.json()) as { accessToken: string };
        const from = new Date(Date.now() - 3 * 86_400_000).toISOString();
        const res = await fetch(`${url}/api/v1/kpis?scope=enterprise&from=${from}&to=${new Date().toISOString()}`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        const body = (await res.json()) as { rows?: { kpis: { handled: number | null } }[] };
        if ((body.rows?.[0]?.kpis.handled ?? 0) > 0) return Date.now() - started;
        last = `enterprise handled ${body.rows?.[0]?.kpis.handled ?? '?'}`;
      } else last = `manager login ${login.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }
  throw new Error(`the demo world was not ready after ${timeoutMs / 1000} s (${last})`);
}

async function main(): Promise<void> {
  const t0 = Date.now();
  rmSync(SHOTS, { recursive: true, force: true });
  let baseUrl = process.env['E2E_URL'] ?? '';
  const ready = await report.check('demo starts and answers /health', async () => {
    if (baseUrl) return `using ${baseUrl}`;
    server = await startServer(ROOT, {
      FLOORWATCH_DEMO_DAYS: String(DAYS),
      FLOORWATCH_DEMO_AGENTS: process.env['E2E_DEMO_AGENTS'] || '300',
    });
    baseUrl = server.url;
    const healthMs = await waitForHealth(server, 4 * 60_000);
    const demoMs = await waitForDemo(baseUrl, Math.max(30_000, 5 * 60_000 - healthMs));
    return `${baseUrl}, healthy after ${(healthMs / 1000).toFixed(0)} s, demo ready after ${((healthMs + demoMs) / 1000).toFixed(0)} s`;
  });
  if (!ready) return;
  if (server) {
    const port = Number(new URL(baseUrl).port);
    await report.check('the demo listens on this machine only (no HOST set)', async () => {
      const outside = outsideAddresses();
      if (!(await accepts('127.0.0.1', port))) throw new Error(`nothing accepts on 127.0.0.1:${port}`);
      const open = [];
      for (const host of outside) if (await accepts(host, port)) open.push(host);
      if (open.length) throw new Error(`the demo also answers on ${open.join(', ')}:${port}`);
      return outside.length ? `refused on ${outside.join(', ')}` : 'this machine has no other IPv4 address';
    });
  }

  browser = await launchBrowser();
  const ctx: E2eContext = {
    report,
    browser,
    baseUrl,
    shots: SHOTS,
    history: { from: localDay('Europe/London', -(DAYS - 1)), to: localDay('Europe/London', -1) },
  };
  for (const role of [agentChecks, teamChecks, managerChecks, deskChecks, adminChecks]) {
    try {
      await role(ctx);
    } catch (e) {
      report.fail(`${role.name} could not run`, e instanceof Error ? e.message : String(e));
    }
  }
  console.log(`# ${report.passed} passed, ${report.failed} failed in ${((Date.now() - t0) / 1000).toFixed(0)} s; screenshots in e2e/screenshots/`);
}

const timer = setTimeout(() => {
  report.fail('e2e finished within the global timeout', `still running after ${GLOBAL_TIMEOUT_MS / 1000} s${server ? `; server: ${tail(server.output(), 300)}` : ''}`);
  void finish(1);
}, GLOBAL_TIMEOUT_MS);
timer.unref();
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void finish(1));

main()
  .catch((e: unknown) => report.fail('e2e runner', oneLine(e instanceof Error ? (e.stack ?? e.message) : String(e))))
  .finally(() => void finish(report.failed > 0 ? 1 : 0));
