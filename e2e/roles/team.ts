import type { KpiApiResult, OrgView } from '@floorwatch/contracts';
import { Session } from '../lib/browser';
import { zonedInstant, type E2eContext } from '../lib/context';
import { assert } from '../lib/report';

const SLOW = ['lon-a011', 'lon-a012'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `lead` (lon-t01): the team table shows the two new hires with slow after-call work. */
export async function teamChecks(ctx: E2eContext): Promise<void> {
  const { report } = ctx;
  const s = await Session.open(ctx.browser, ctx.baseUrl);
  try {
    await report.check('team leader: signs in to their team view', async () => {
      const landed = await s.login('lead');
      assert(landed === '/team', `landed on ${landed}, expected /team`);
      await s.page.locator('app-connection-indicator', { hasText: 'Live' }).waitFor({ timeout: 20_000 });
      return `${landed}, connection indicator Live`;
    });

    await report.check('team leader: the two slow-ACW new hires top the ACW column', async () => {
      const { from, to } = ctx.history;
      const mark = s.calls.length;
      await s.page.goto(`/team?period=custom&from=${from}&to=${to}`);
      const res = await s.call('/api/v1/kpis', { scope: 'team:lon-t01', by: 'agent', from: zonedInstant(from, 0, 0, 'Europe/London').toISOString() }, 60_000, mark);
      assert(res.status === 200, `by-agent answered ${res.status}`);
      const scope = res.url.searchParams.get('scope');
      assert(scope === 'team:lon-t01', `team view asked for ${scope}`);
      const org = (await s.call('/api/v1/org')).body as OrgView;
      const names = SLOW.map((id) => org.agents.find((a) => a.id === id)?.name ?? id);
      const table = s.page.locator('app-kpi-panel[title="Agents"] app-data-table, app-kpi-panel app-data-table').first();
      await table.locator('tbody tr').first().waitFor();
      await table.getByRole('button', { name: /After-call work/ }).click();
      // A first click sorts a KPI column high to low.
      const top = (await table.locator('tbody tr th[scope=row]').allInnerTexts()).slice(0, 2).map((t) => t.replace('›', '').trim());
      assert(
        names.every((n) => top.includes(n)),
        `top two by after-call work are ${top.join(', ')}, expected ${names.join(', ')}`,
      );
      const acw = (res.body as KpiApiResult).rows
        .filter((r) => SLOW.includes(r.key))
        .map((r) => `${r.key} ${Math.round(r.kpis.acwSeconds ?? 0)} s`);
      await s.settled();
      await s.shot(ctx.shots, '06-team');
      return `${top.join(', ')} (${acw.join(', ')})`;
    });

    await report.check('team leader: typing a day like "30 Nov" into the day field and pressing Enter shows that day', async () => {
      // Yesterday in London: inside the demo's history, and never "Today".
      const iso = ctx.history.to;
      const [y, m, d] = iso.split('-').map(Number);
      const at = new Date(Date.UTC(y, m - 1, d));
      const mon = MONTHS[m - 1];
      const thisYear = new Date().getUTCFullYear() === y;
      // What a person types: the day and month; the year only when it is not the current one.
      const typed = thisYear ? `${d} ${mon}` : `${d} ${mon} ${y}`;
      // The app's one day format, e.g. "Mon 30 Nov 2026".
      const shown = `${WEEKDAYS[at.getUTCDay()]} ${d} ${mon} ${y}`;
      await s.page.goto('/team?period=day');
      const field = s.page.getByRole('textbox', { name: 'Reference day' });
      await field.waitFor();
      const mark = s.calls.length;
      await field.fill(typed);
      await field.press('Enter');
      await s.page.waitForURL((u) => u.searchParams.get('date') === iso && u.searchParams.get('period') === 'day', { timeout: 15_000 });
      const res = await s.call('/api/v1/kpis', { scope: 'team:lon-t01', by: 'agent', from: zonedInstant(iso, 0, 0, 'Europe/London').toISOString() }, 60_000, mark);
      assert(res.status === 200, `by-agent for ${iso} answered ${res.status}`);
      const value = await field.inputValue();
      assert(value === shown, `the field reads "${value}", expected "${shown}"`);
      const label = (await s.page.locator('app-period-selector .tz').innerText()).trim();
      assert(label.startsWith(shown), `the period label reads "${label}", expected it to start with "${shown}"`);
      const pressed = await s.page.getByRole('group', { name: 'Period' }).locator('button[aria-pressed=true]').allInnerTexts();
      assert(!pressed.some((t) => t.trim() === 'Today'), `"Today" still pressed after picking ${iso}`);
      await s.settled();
      await s.shot(ctx.shots, '06b-team-typed-day');
      return `typed "${typed}" + Enter → ?date=${iso}, field "${value}", label "${label}"`;
    });

    await report.check('team leader: drill into an agent (URL and breadcrumbs follow)', async () => {
      const row = s.page.locator('app-data-table tbody tr.clickable').first();
      const name = (await row.locator('th').innerText()).replace('›', '').trim();
      await row.click();
      await s.page.waitForURL((u) => u.pathname === '/agent' && (u.searchParams.get('scope') ?? '').startsWith('agent:'));
      const crumbs = s.page.getByRole('navigation', { name: 'Drill-down path' });
      await crumbs.getByText(name, { exact: true }).waitFor();
      const text = (await crumbs.innerText()).replace(/\s+/g, ' ');
      assert(text.includes('›') || (await crumbs.locator('li').count()) >= 2, `breadcrumbs: ${text}`);
      await crumbs.locator('a').first().click();
      await s.page.waitForURL((u) => u.pathname === '/manager' || u.pathname === '/team');
      return `${new URL(s.page.url()).pathname} ← crumbs "${text}"`;
    });
  } finally {
    await s.close();
  }
}
