import type { AdherenceExceptionPayload, KpiEventPayload, OrgView, StaffingEventPayload, StaffingResult } from '@floorwatch/contracts';
// The app's own formatter: the check is that the event's figure is on screen, not how it is spelt.
import { formatKpi } from '../../apps/web/src/app/shared/format';
import { Session, type LiveFrame } from '../lib/browser';
import { localDay, zonedInstant, type E2eContext } from '../lib/context';
import { assert } from '../lib/report';

const CHI = 'America/Chicago';

/** `desk`: every site live; Chicago 10:00–10:15 is 100 required / 105 scheduled / 95 on hand. */
export async function deskChecks(ctx: E2eContext): Promise<void> {
  const { report } = ctx;
  const s = await Session.open(ctx.browser, ctx.baseUrl);
  try {
    await report.check('control desk: signs in to every site, live', async () => {
      const landed = await s.login('desk');
      assert(landed === '/desk', `landed on ${landed}, expected /desk`);
      await s.page.locator('app-connection-indicator', { hasText: 'Live' }).waitFor({ timeout: 20_000 });
      const cards = s.page.locator('app-site-card');
      await cards.nth(2).waitFor();
      await s.page.locator('app-site-card app-chart canvas').nth(2).waitFor({ timeout: 45_000 });
      await s.settled();
      await s.shot(ctx.shots, '09-desk');
      return `${await cards.count()} site cards`;
    });

    await report.check('control desk: a live update arrives and is on screen within 20 s', async () => {
      const org = (await s.call('/api/v1/org')).body as OrgView;
      const nameOf = (id: string): string => org.agents.find((a) => a.id === id)?.name ?? id;
      const mark = s.frames.length;
      const deadline = Date.now() + 20_000;
      let shown: string | null = null;
      while (!shown && Date.now() < deadline) {
        await s.page.waitForTimeout(500);
        shown = await shownOnDesk(s, s.frames.slice(mark), nameOf);
      }
      const fresh = s.frames.slice(mark).filter((f) => f.event !== 'snapshot');
      const kinds = [...new Set(fresh.map((f) => f.event))].join(', ');
      assert(fresh.length > 0, 'no live event in 20 s');
      assert(shown, `events arrived (${kinds}) but none reached the screen (staffing or KPI figure on a site card, exceptions table)`);
      return `${fresh.length} events (${kinds}); ${shown}`;
    });

    await report.check('control desk: drill into Chicago (URL and panel follow)', async () => {
      await s.page.locator('app-site-card button.name', { hasText: 'Chicago' }).click();
      await s.page.waitForURL((u) => u.searchParams.get('site') === 'chi');
      await s.page.getByRole('heading', { name: /Chicago · staffing/ }).waitFor();
      return new URL(s.page.url()).search;
    });

    await report.check('control desk: Chicago 10:00 interval shows required 100, scheduled 105, on hand 95', async () => {
      // Today's 10:00 once it is over in Chicago, else the last full day's (both carry the scenario).
      const now = Date.now();
      let day = localDay(CHI, 0, now);
      if (zonedInstant(day, 10, 15, CHI).getTime() > now) day = localDay(CHI, -1, now);
      const at = zonedInstant(day, 10, 0, CHI).toISOString();
      const mark = s.calls.length;
      await s.page.goto(`/desk?site=chi&interval=${encodeURIComponent(at)}`);
      const res = await s.call('/api/v1/staffing', { site: 'chi', from: zonedInstant(day, 0, 0, CHI).toISOString() }, 45_000, mark);
      const row = (res.body as StaffingResult).rows.find((r) => r.intervalStart === at);
      assert(row, `the staffing answer has no ${at} row (${res.url.search})`);
      const iv = s.page.locator('app-site-detail .iv');
      await iv.waitFor();
      const text = (await iv.innerText()).replace(/\s+/g, ' ');
      const heading = (await s.page.locator('app-site-detail h3').first().innerText()).trim();
      assert(/10:00/.test(heading), `interval heading "${heading}"`);
      const m = /Required\s*([\d.]+).*Scheduled\s*([\d.]+).*On hand\s*([\d.]+)/.exec(text);
      assert(m, `interval panel text "${text}"`);
      const [req, sch, act] = [Number(m[1]), Number(m[2]), Number(m[3])];
      assert(req === 100 && sch === 105 && act === 95, `shown ${req}/${sch}/${act} (API ${row.requiredAgents}/${row.scheduledAgents}/${row.actualAgents})`);
      await s.settled();
      await s.shot(ctx.shots, '10-desk-site');
      return `${day} ${heading}: ${text}`;
    });

    await report.check('control desk: wallboard shows tiles and the staffing chart', async () => {
      await s.page.goto('/desk');
      await s.page.getByRole('link', { name: /Wallboard mode/ }).click();
      await s.page.waitForURL((u) => u.pathname === '/desk/wallboard');
      await s.page.locator('.board .tile').first().waitFor();
      await s.page.locator('.board app-chart canvas').waitFor();
      await s.settled();
      await s.shot(ctx.shots, '11-wallboard', false);
      return `${await s.page.locator('.board .tile').count()} tiles`;
    });
  } finally {
    await s.close();
  }
}

/**
 * The newest live event the desk visibly reflects: a site's staffing figure on its card, an agent
 * entering the exceptions table, or one leaving it. Null while none has shown up yet.
 */
async function shownOnDesk(s: Session, frames: LiveFrame[], nameOf: (id: string) => string): Promise<string | null> {
  const table = (await s.page.locator('app-live-agents').first().innerText()).replace(/\s+/g, ' ');
  for (const f of [...frames].reverse()) {
    if (f.event === 'staffing') {
      const st = f.payload as StaffingEventPayload;
      const card = s.page.locator('app-site-card').filter({ has: s.page.locator('button.name', { hasText: siteName(st.siteId) }) });
      const agentsNow = (await card.locator('.stat', { hasText: 'Agents now' }).innerText()).replace(/\s+/g, ' ');
      if (agentsNow.includes(`${st.row.actualAgents.toFixed(0)} /`)) return `${st.siteId} staffing: "${agentsNow}"`;
    }
    if (f.event === 'kpi') {
      const e = f.payload as KpiEventPayload;
      const site = /^site:(.+)$/.exec(e.scope ?? '')?.[1];
      const k = CARD_KPIS.find((c) => typeof (e.kpis as Record<string, number | null | undefined>)[c] === 'number');
      if (site && k) {
        const want = formatKpi(k, (e.kpis as Record<string, number>)[k]);
        const card = s.page.locator('app-site-card').filter({ has: s.page.locator('button.name', { hasText: siteName(site) }) });
        const text = (await card.locator('.stats').innerText()).replace(/\s+/g, ' ');
        if (text.includes(want)) return `${site} ${k} ${want} on its card`;
      }
    }
    if (f.event === 'adherence-exception') {
      const x = f.payload as AdherenceExceptionPayload;
      if (table.includes(nameOf(x.agentId))) return `exception for ${nameOf(x.agentId)} listed`;
    }
    if (f.event === 'adherence-cleared') {
      const id = (f.payload as { agentId: string }).agentId;
      const later = frames.some((g) => g.receivedAt > f.receivedAt && g.event === 'adherence-exception' && (g.payload as AdherenceExceptionPayload).agentId === id);
      if (!later && !table.includes(nameOf(id))) return `${nameOf(id)} back in adherence, off the list`;
    }
  }
  return null;
}

/** The figures a desk site card shows, as the live `kpi` event names them. */
const CARD_KPIS = ['serviceLevelPct', 'asaSeconds', 'abandonRatePct', 'shrinkagePct'] as const;

function siteName(id: string): string {
  return ({ lon: 'London', mnl: 'Manila', chi: 'Chicago' } as Record<string, string>)[id] ?? id;
}
