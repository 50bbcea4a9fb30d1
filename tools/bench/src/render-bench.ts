import type { Browser, BrowserContext } from 'playwright-core';
import { percentile, round } from './sizes';

/** What a page counts as its first KPI tile: the tile's figure element, once it holds a digit. */
export interface RenderPage {
  name: string;
  path: string;
  /** Elements holding a KPI figure; the first one whose text has a digit ends the measurement. */
  selector: string;
  token: string;
}

export interface RenderTimes {
  /** ms from navigation start to the frame after the first figure appeared, per load. */
  ms: number[];
  /** Same loads: ms to the DOM mutation that put the figure in (before that frame). */
  domMs: number[];
  /** Same loads: requests the page made before the figure (the first-render path). */
  requests: number[];
  /** Loads that did not get there, with why. */
  failed: string[];
  /**
   * The first load's requests before the figure: path, start and end (ms from navigation), so
   * docs/perf.md can say which call the tile waited on.
   */
  waterfall: [string, number, number][];
  /** The slowest load's, after the first (what the p95 waited on once the server is warm). */
  slowestWaterfall: [string, number, number][];
  slowestMs: number;
}

/**
 * Runs in the page before any of its scripts: stores the token as AuthService does after login,
 * shifts `Date` to the bench world's clock (the pages show "today"; the bench data ends in the
 * past — performance.now and timers stay real), and records when the first figure shows up:
 * the DOM mutation, then the next animation frame (when it is painted).
 */
function pageProbe(args: { token: string; selector: string; nowMs: number }): void {
  const w = window as unknown as Record<string, unknown>;
  localStorage.setItem('floorwatch.token', args.token);
  const RealDate = Date;
  const offset = args.nowMs - RealDate.now();
  class BenchDate extends RealDate {
    constructor(...a: ConstructorParameters<DateConstructor> | []) {
      if (a.length === 0) super(RealDate.now() + offset);
      else super(...(a as ConstructorParameters<DateConstructor>));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  w['Date'] = BenchDate;
  w['__fwDom'] = null;
  w['__fwFrame'] = null;
  const check = (): void => {
    if (w['__fwDom'] !== null) return;
    for (const el of Array.from(document.querySelectorAll(args.selector))) {
      if (/\d/.test(el.textContent ?? '')) {
        w['__fwDom'] = performance.now();
        const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
        w['__fwRequests'] = entries.length;
        w['__fwWaterfall'] = entries.map((e) => {
          const u = new URL(e.name);
          return [u.pathname + u.search, Math.round(e.startTime), Math.round(e.responseEnd)];
        });
        observer.disconnect();
        requestAnimationFrame(() => (w['__fwFrame'] = performance.now()));
        return;
      }
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true });
}

type Load = { ms: number; domMs: number; requests: number; waterfall: [string, number, number][] };

async function oneLoad(context: BrowserContext, url: string, timeoutMs: number): Promise<Load> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as Record<string, unknown>)['__fwFrame'] !== null, undefined, { timeout: timeoutMs, polling: 50 });
    return page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return { ms: w['__fwFrame'] as number, domMs: w['__fwDom'] as number, requests: w['__fwRequests'] as number, waterfall: w['__fwWaterfall'] as [string, number, number][] };
    });
  } finally {
    await page.close();
  }
}

/**
 * `n` loads of `page` with an empty HTTP cache (a fresh browser context each, as a first visit)
 * and `n` with a warm one (one context, a visit first, then a fresh tab each time, as a user
 * coming back). Each load is a new document, so its clock starts at its own navigation.
 */
export async function measureRender(browser: Browser, base: string, page: RenderPage, nowMs: number, n: number, timeoutMs = 20_000): Promise<{ cold: RenderTimes; warm: RenderTimes }> {
  const url = `${base}${page.path}`;
  const fresh = async (): Promise<BrowserContext> => {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'Europe/London', locale: 'en-GB' });
    await ctx.addInitScript(pageProbe, { token: page.token, selector: page.selector, nowMs });
    return ctx;
  };
  const empty = (): RenderTimes => ({ ms: [], domMs: [], requests: [], failed: [], waterfall: [], slowestWaterfall: [], slowestMs: 0 });
  const cold = empty();
  const warm = empty();
  const add = (into: RenderTimes, r: Load) => {
    if (into.ms.length === 0) into.waterfall = r.waterfall;
    else if (r.ms > into.slowestMs) [into.slowestMs, into.slowestWaterfall] = [r.ms, r.waterfall];
    into.ms.push(r.ms);
    into.domMs.push(r.domMs);
    into.requests.push(r.requests);
  };
  // A load that fails (timeout, tab crash on a machine short of memory) is counted, not fatal.
  const attempt = async (ctx: BrowserContext, into: RenderTimes) => {
    try {
      add(into, await oneLoad(ctx, url, timeoutMs));
    } catch (e) {
      into.failed.push(e instanceof Error ? e.message.split('\n')[0] : String(e));
    }
  };
  for (let i = 0; i < n; i++) {
    const ctx = await fresh();
    try {
      await attempt(ctx, cold);
    } finally {
      await ctx.close();
    }
  }
  const ctx = await fresh();
  try {
    await attempt(ctx, empty());
    for (let i = 0; i < n; i++) await attempt(ctx, warm);
  } finally {
    await ctx.close();
  }
  return { cold, warm };
}

export function summarise(t: RenderTimes): { p50: number; p95: number; domP50: number; requestsP50: number } {
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted(t.ms), 50), 0),
    p95: round(percentile(sorted(t.ms), 95), 0),
    domP50: round(percentile(sorted(t.domMs), 50), 0),
    requestsP50: percentile(sorted(t.requests), 50),
  };
}

