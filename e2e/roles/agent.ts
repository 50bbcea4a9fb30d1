import type { KpiApiResult, Timeline } from '@floorwatch/contracts';
import { Session } from '../lib/browser';
import { isWeekday, localDay, type E2eContext } from '../lib/context';
import { assert } from '../lib/report';

const TZ = 'Europe/London';

/** `agent` (lon-a003): hour 13 is the worst adherence hour; own timeline; another agent's URL is refused. */
export async function agentChecks(ctx: E2eContext): Promise<void> {
  const { report } = ctx;
  const { from, to } = ctx.history;
  const s = await Session.open(ctx.browser, ctx.baseUrl);
  try {
    await report.check('login page renders and agent signs in with Enter', async () => {
      await s.page.goto('/login');
      await s.page.getByRole('heading', { name: 'Sign in to Floorwatch' }).waitFor();
      await s.shot(ctx.shots, '01-login');
      const landed = await s.login('agent');
      assert(landed === '/agent', `landed on ${landed}, expected /agent`);
      return `landed on ${landed}`;
    });

    await report.check('agent: minutes out of adherence by hour point at hour 13 (late from lunch)', async () => {
      const mark = s.calls.length;
      await s.page.goto(`/agent?period=custom&from=${from}&to=${to}&by=none`);
      await s.page.getByRole('heading', { name: 'My performance' }).waitFor();
      const res = await s.call('/api/v1/kpis', { by: 'hour' }, 60_000, mark);
      await s.page.locator('app-chart [aria-label^="Minutes out of adherence by hour"] canvas').first().waitFor();
      await s.settled();
      await s.shot(ctx.shots, '02-agent');
      assert(res.status === 200, `by-hour answered ${res.status}`);
      const rows = (res.body as KpiApiResult).rows.filter((r) => (r.kpis.scheduledSeconds ?? 0) > 0);
      assert(rows.length >= 6, `only ${rows.length} scheduled hours`);
      const out = (r: (typeof rows)[number]) => ((r.kpis.scheduledSeconds ?? 0) - (r.kpis.inAdherenceSeconds ?? 0)) / 60;
      const worst = rows.reduce((a, b) => (out(a) >= out(b) ? a : b));
      const figures = rows.map((r) => `${r.key}:${out(r).toFixed(0)}m`).join(' ');
      assert(worst.key === '13', `most minutes out at hour ${worst.key}, not 13 (${figures})`);
      return `13:00 ${out(worst).toFixed(0)} min out; ${figures}`;
    });

    await report.check('agent: day timeline shows schedule and actual lanes', async () => {
      let day = to;
      while (!isWeekday(day)) day = localDay(TZ, -1, Date.parse(`${day}T12:00:00Z`));
      const mark = s.calls.length;
      await s.page.goto(`/agent?period=day&date=${day}&by=none`);
      const res = await s.call('/api/v1/timeline', { day }, 45_000, mark);
      assert(res.status === 200, `timeline answered ${res.status}`);
      const t = res.body as Timeline;
      assert(t.schedule.some((x) => x.activity === 'lunch'), `no lunch in ${day}'s schedule`);
      await s.page.locator('app-timeline-lanes .lane').first().waitFor();
      // The heading names the day as the page writes dates ("Fri 4 Dec"); the timeline asked for is `day` (above).
      await s.page.getByRole('heading', { name: /^Day timeline · / }).waitFor();
      await s.settled();
      await s.shot(ctx.shots, '03-agent-timeline');
      return `${day}: ${t.schedule.length} schedule rows, ${t.states.length} states, adherence ${t.adherencePct?.toFixed(1)} %`;
    });

    await report.check("agent: another agent's URL is refused (403, error state, no figures)", async () => {
      const mark = s.calls.length;
      await s.page.goto(`/agent?scope=agent:lon-a004&period=custom&from=${from}&to=${to}`);
      const res = await s.call('/api/v1/kpis', { scope: 'agent:lon-a004' }, 30_000, mark);
      assert(res.status === 403, `the API answered ${res.status} for agent:lon-a004`);
      await s.settled();
      await s.shot(ctx.shots, '04-agent-forbidden');
      const alert = s.page.locator('app-load-state [role=alert]').first();
      await alert.waitFor();
      const text = (await alert.innerText()).replace(/\s+/g, ' ');
      const tiles = await s.page.locator('section.fw-tiles app-kpi-tile').count();
      const charts = await s.page.locator('app-chart canvas').count();
      const leaked = s.calls.slice(mark).filter((c) => c.url.searchParams.get('scope') === 'agent:lon-a004' && c.status === 200);
      assert(tiles === 0, `${tiles} KPI tiles shown for another agent`);
      assert(charts === 0, `${charts} charts drawn for another agent`);
      assert(leaked.length === 0, `${leaked.length} successful answers for another agent`);
      return text;
    });
  } finally {
    await s.close();
  }

  const phone = await Session.open(ctx.browser, ctx.baseUrl, { width: 390, height: 844 });
  try {
    await report.check('agent: phone width (390 px) has no sideways scrolling', async () => {
      await phone.login('agent');
      await phone.page.goto(`/agent?period=custom&from=${from}&to=${to}&by=none`);
      await phone.page.locator('app-chart canvas').first().waitFor();
      await phone.settled();
      await phone.shot(ctx.shots, '05-agent-phone');
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 392, `page is ${width} px wide at a 390 px viewport`);
      return `${width} px`;
    });
  } finally {
    await phone.close();
  }
}
