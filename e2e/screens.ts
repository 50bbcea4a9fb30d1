// Screenshots of every role's first screen at desktop (1440×900) and phone (390×844) sizes, and
// the wallboard at 1920×1080, against a running demo (E2E_URL) or one started here. Each shot is
// also checked for a page wider than the viewport (a phone that scrolls sideways).
import { join } from 'node:path';
import { launchBrowser } from './lib/browser';
import { Session } from './lib/browser';
import { Report } from './lib/report';
import { startServer, waitForHealth } from './lib/server';

const SHOTS = join(__dirname, 'screenshots', 'screens');
const SIZES = [
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];
const SETTLE_MS = Number(process.env['E2E_SETTLE_MS'] || 180_000);
const ROLES: { user: string; paths: string[] }[] = [
  { user: 'agent', paths: ['/agent'] },
  { user: 'lead', paths: ['/team', '/team?period=last30'] },
  { user: 'manager', paths: ['/manager', '/manager?scope=enterprise&period=week&by=reason'] },
  { user: 'desk', paths: ['/desk', '/desk?site=chi'] },
  { user: 'admin', paths: ['/admin'] },
];

async function main(): Promise<void> {
  const report = new Report();
  let url = process.env['E2E_URL'] ?? '';
  const server = url ? null : await startServer(join(__dirname, '..'), { FLOORWATCH_DEMO_DAYS: process.env['E2E_DEMO_DAYS'] || '7' });
  if (server) {
    url = server.url;
    await waitForHealth(server, 5 * 60_000);
  }
  const browser = await launchBrowser();
  try {
    for (const size of SIZES) {
      for (const role of ROLES) {
        const s = await Session.open(browser, url, size.viewport);
        try {
          await s.login(role.user);
          for (const [i, path] of role.paths.entries()) {
            await report.check(`${role.user} ${path} at ${size.name}`, async () => {
              await s.page.goto(path);
              // A shot of a half-loaded page shows placeholders, not the screen a user reads: wait for
              // every panel (a loaded machine needs minutes for the 7-day world's manager page).
              const settled = await s.settled(SETTLE_MS).then(() => true, () => false);
              await s.shot(SHOTS, `${role.user}-${i}-${size.name}`);
              const width = await s.page.evaluate(() => document.documentElement.scrollWidth);
              if (width > size.viewport.width) throw new Error(`page is ${width} px wide at ${size.viewport.width}`);
              if (!settled) throw new Error(`still loading after ${SETTLE_MS / 1000} s (shot taken anyway)`);
              return `${width} px wide`;
            });
          }
        } finally {
          await s.close();
        }
      }
    }
    for (const size of SIZES) {
      const m = await Session.open(browser, url, size.viewport);
      await report.check(`manager by reason, a reason opened onto its sites, at ${size.name}`, async () => {
        await m.login('manager');
        await m.page.goto('/manager?scope=enterprise&period=week&by=reason');
        await m.settled(SETTLE_MS).catch(() => undefined);
        await m.page.getByRole('button', { name: /^Show sites of /i }).first().click();
        await m.page.locator('tr.sub th').first().waitFor({ timeout: 120_000 });
        const subs = await m.page.locator('tr.sub th').allInnerTexts();
        await m.shot(SHOTS, `manager-reason-sites-${size.name}`);
        const width = await m.page.evaluate(() => document.documentElement.scrollWidth);
        if (width > size.viewport.width) throw new Error(`page is ${width} px wide at ${size.viewport.width}`);
        return `sites ${subs.join(', ')}; ${width} px wide`;
      });
      await m.close();
    }
    const wall = await Session.open(browser, url, { width: 1920, height: 1080 });
    await report.check('wallboard at 1920×1080', async () => {
      await wall.login('desk');
      await wall.page.goto('/desk/wallboard?site=chi');
      await wall.call('/api/v1/kpis', { scope: 'site:chi', by: null }).catch(() => undefined);
      // Calls waiting and the longest wait from GET /queues/waiting, in wall-size numerals.
      const waiting = await wall.call('/api/v1/queues/waiting', { site: 'chi' });
      const voice = (waiting.body as { channels: { voice?: { waiting: number } } }).channels.voice;
      const tile = wall.page.locator('.state.waiting', { hasText: 'Calls waiting' });
      await tile.waitFor();
      const shown = (await tile.locator('.val').innerText()).trim();
      if (!/^\d+$/.test(shown)) throw new Error(`calls waiting reads "${shown}"`);
      const longest = (await wall.page.locator('.state.waiting', { hasText: 'Longest wait' }).locator('.val').innerText()).trim();
      if (!/^\d+:\d\d(:\d\d)?$/.test(longest)) throw new Error(`longest wait reads "${longest}"`);
      await wall.shot(SHOTS, 'wallboard-1920', false);
      return `calls waiting ${shown} (API ${voice?.waiting ?? '?'}), longest ${longest}`;
    });
    await wall.close();
  } finally {
    await browser.close();
    await server?.stop();
  }
  console.log(`# ${report.passed} passed, ${report.failed} failed; screenshots in ${SHOTS}`);
  process.exit(report.failed ? 1 : 0);
}

void main();
