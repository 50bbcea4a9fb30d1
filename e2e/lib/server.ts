import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningServer {
  url: string;
  dataDir: string;
  /** Everything the server printed, for the failure message. */
  output(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * `node tools/start.mjs` in demo mode on a free port with a fresh data directory, as a user runs
 * it. The demo world is sized down through env vars (the scenarios still hold) so CI stays fast.
 */
export async function startServer(root: string, env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'fw-e2e-'));
  let log = '';
  // No HOST: the demo must choose loopback by itself (issue 20 item 1; checked by run.ts).
  const inherited = { ...process.env };
  delete inherited['HOST'];
  const child: ChildProcess = spawn(process.execPath, ['tools/start.mjs'], {
    cwd: root,
    env: { ...inherited, ...env, PORT: String(port), FLOORWATCH_DATA_DIR: join(dataDir, 'db'), FLOORWATCH_DEMO: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so stop() ends start.mjs and the api it spawned together.
    detached: true,
  });
  const keep = (b: Buffer): void => {
    log += b.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
    if (process.env['E2E_VERBOSE']) process.stderr.write(b);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on('exit', () => { exited = true; resolve(); }));

  const stop = async (): Promise<void> => {
    if (!exited && child.pid) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const killer = setTimeout(() => { try { if (child.pid) process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
      await exit;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url: `http://127.0.0.1:${port}`, dataDir, output: () => log, exited: () => exited, stop };
}

/** Polls /health until it answers 200 (the demo backfill runs before or during this). */
export async function waitForHealth(server: RunningServer, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let last = 'no answer';
  while (Date.now() - started < timeoutMs) {
    if (server.exited()) throw new Error(`the server exited before it was healthy: ${tail(server.output())}`);
    try {
      const res = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return Date.now() - started;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`/health not OK after ${timeoutMs / 1000} s (${last}): ${tail(server.output())}`);
}

export function tail(s: string, n = 600): string {
  // eslint-disable-next-line no-control-regex -- strips terminal colour codes from the server's log
  return s.replace(/\x1b\[[0-9;]*m/g, '').slice(-n).replace(/\s+/g, ' ');
}

/** The machine's non-loopback IPv4 addresses (where a demo must not answer). */
export function outsideAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
    .map((i) => (i as { address: string }).address);
}

/** True when something accepts a TCP connection at host:port within 2 s. */
export function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port, timeout: 2_000 });
    const done = (ok: boolean): void => { sock.destroy(); resolve(ok); };
    sock.once('connect', () => done(true));
    sock.once('timeout', () => done(false));
    sock.once('error', () => done(false));
  });
}
