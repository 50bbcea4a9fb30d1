import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

export interface E2eBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Playwright's launch() gives Chromium a fresh temporary profile and deletes it on close, so
 * nothing from an earlier run (tokens, cache) leaks in; each role also gets its own context.
 */
export async function launchBrowser(): Promise<E2eBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}

export interface LiveFrame {
  /** Wall-clock ms the browser received it. */
  receivedAt: number;
  event: string;
  payload: unknown;
}

export interface ApiCall {
  url: URL;
  status: number;
  body: unknown;
}

/** A signed-out browser context at 1440×900 that records every /api/v1 answer the page rendered. */
export class Session {
  readonly calls: ApiCall[] = [];
  readonly consoleErrors: string[] = [];
  /** socket.io events on /live as the page received them. */
  readonly frames: LiveFrame[] = [];
  private constructor(readonly context: BrowserContext, readonly page: Page, readonly baseUrl: string) {}

  static async open(b: E2eBrowser, baseUrl: string, viewport = { width: 1440, height: 900 }): Promise<Session> {
    const context = await b.browser.newContext({ viewport, baseURL: baseUrl, timezoneId: 'Europe/London', locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const s = new Session(context, page, baseUrl);
    page.on('response', (res) => {
      const url = new URL(res.url());
      if (!url.pathname.startsWith('/api/v1/')) return;
      const status = res.status();
      void res
        .json()
        .catch(() => null)
        .then((body: unknown) => s.calls.push({ url, status, body }));
    });
    page.on('websocket', (ws) => {
      ws.on('framereceived', (f) => {
        const text = typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8');
        // Engine.io message 4 + socket.io EVENT 2 on the /live namespace: 42/live,["name",{...}]
        const m = /^42\/live,\d*(\[.*)$/s.exec(text);
        if (!m) return;
        try {
          const [event, payload] = JSON.parse(m[1]) as [string, unknown];
          s.frames.push({ receivedAt: Date.now(), event, payload });
        } catch {
          /* not JSON: not an event frame */
        }
      });
    });
    page.on('console', (m) => {
      if (m.type() === 'error') s.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => s.consoleErrors.push(e.message));
    return s;
  }

  /** Through the login page, as a person does it: username, password, Enter. */
  async login(username: string, password = 'floorwatch'): Promise<string> {
    const { page } = this;
    await page.goto('/login');
    await page.locator('input[name=username]').fill(username);
    await page.locator('input[name=password]').fill(password);
    await page.locator('input[name=password]').press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
    return new URL(page.url()).pathname;
  }

  /** The newest recorded answer for a path whose query has these params; waits for it to arrive. */
  /** `null` for a param means the query must not have it (e.g. `by: null` for an ungrouped total). */
  async call(path: string, params: Record<string, string | null> = {}, timeoutMs = 45_000, since = 0): Promise<ApiCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.calls
        .slice(since)
        .reverse()
        // A body that could not be read (the page navigated away mid-request) is no answer.
        .find((c) => c.body !== null && c.url.pathname === path && Object.entries(params).every(([k, v]) => (v === null ? !c.url.searchParams.has(k) : c.url.searchParams.get(k) === v)));
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`the page never got an answer from ${path} ${JSON.stringify(params)}`);
      await this.page.waitForTimeout(200);
    }
  }

  async shot(dir: string, name: string, fullPage = true): Promise<void> {
    mkdirSync(dir, { recursive: true });
    // Panels still fetching show "—"; let requests finish and charts end their entry animation.
    await this.page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
    await this.page.waitForTimeout(900);
    await this.page.screenshot({ path: join(dir, `${name}.png`), fullPage });
  }

  /** Waits until no spinner ("Loading…") and no tile still fetching its figure is on the page. */
  async settled(timeoutMs = 45_000): Promise<void> {
    await this.page.waitForFunction(() => !document.querySelector('app-load-state .spinner, app-kpi-tile [aria-busy=true]'), undefined, { timeout: timeoutMs });
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}
