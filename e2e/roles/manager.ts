import type { KpiApiResult } from '@floorwatch/contracts';
import { Session } from '../lib/browser';
import type { E2eContext } from '../lib/context';
import { assert } from '../lib/report';

/** `manager`: enterprise AHT red → by reason → tv-campaign red; drill enterprise → site. */
export async function managerChecks(ctx: E2eContext): Promise<void> {
  const { report } = ctx;
  const s = await Session.open(ctx.browser, ctx.baseUrl);
  const { from, to } = ctx.history;
  try {
    await report.check('manager: enterprise AHT tile is red', async () => {
      const landed = await s.login('manager');
      assert(landed === '/manager', `landed on ${landed}, expected /manager`);
      const mark = s.calls.length;
      await s.page.goto(`/manager?scope=enterprise&period=custom&from=${from}&to=${to}&by=site`);
      const summary = await s.call('/api/v1/kpis', { scope: 'enterprise', by: null }, 60_000, mark);
      const row = (summary.body as KpiApiResult).rows[0];
      const tile = s.page.locator('app-kpi-tile', { has: s.page.locator('.label', { hasText: /^AHT$/ }) });
      await tile.waitFor();
      const cls = (await tile.getAttribute('class')) ?? '';
      const text = (await tile.locator('.value').innerText()).trim();
      assert(row?.targets.ahtSeconds?.status === 'red', `API status ${row?.targets.ahtSeconds?.status}, AHT ${row?.kpis.ahtSeconds}`);
      assert(cls.includes('red'), `AHT tile class "${cls}"`);
      await s.page.locator('app-data-table tbody tr').first().waitFor();
      await s.settled();
      await s.shot(ctx.shots, '07-manager');
      return `AHT ${text} (${Math.round(row.kpis.ahtSeconds ?? 0)} s against ${row.targets.ahtSeconds?.value} s)`;
    });

    await report.check('manager: drill enterprise → site (URL and breadcrumbs follow)', async () => {
      const row = s.page.locator('app-data-table tbody tr.clickable', { hasText: 'London' }).first();
      await row.click();
      await s.page.waitForURL((u) => u.searchParams.get('scope') === 'site:lon' && u.searchParams.get('by') === 'team');
      const crumbs = s.page.getByRole('navigation', { name: 'Drill-down path' });
      await crumbs.locator('[aria-current=page]', { hasText: 'London' }).waitFor();
      const text = (await crumbs.innerText()).replace(/\s+/g, ' ');
      await s.page.locator('app-data-table tbody tr').first().waitFor();
      await crumbs.getByRole('link', { name: 'Enterprise' }).click();
      await s.page.waitForURL((u) => u.searchParams.get('scope') === 'enterprise');
      return `crumbs "${text}", back to enterprise`;
    });

    await report.check('manager: AHT by reason shows the tv-campaign reasons red', async () => {
      const mark = s.calls.length;
      await s.page.getByRole('navigation', { name: 'Group by' }).getByRole('button', { name: 'reason', exact: true }).click();
      await s.page.waitForURL((u) => u.searchParams.get('by') === 'reason');
      // 150 s: on PGlite (one connection) the grouped answer queues behind the self-service panel's raw reads.
      const res = await s.call('/api/v1/kpis', { scope: 'enterprise', by: 'reason' }, 150_000, mark);
      const rows = (res.body as KpiApiResult).rows;
      const tv = rows.filter((r) => r.key.endsWith('tv-campaign'));
      assert(tv.length > 0, 'no tv-campaign reason in the answer');
      const crumbs = (await s.page.getByRole('navigation', { name: 'Drill-down path' }).innerText()).replace(/\s+/g, ' ');
      assert(/by reason/.test(crumbs), `breadcrumbs do not show the reason grouping: ${crumbs}`);
      const table = s.page.locator('app-data-table');
      await table.locator('tbody tr', { hasText: /tv[- ]campaign/i }).first().waitFor();
      const ahtCol = (await table.locator('thead th').allInnerTexts()).findIndex((t) => /^AHT/.test(t.trim()));
      assert(ahtCol > 0, 'no AHT column');
      const red: string[] = [];
      const notRed: string[] = [];
      for (const tr of await table.locator('tbody tr').all()) {
        const label = (await tr.locator('th').innerText()).trim();
        const cell = tr.locator('th, td').nth(ahtCol);
        const cls = (await cell.getAttribute('class')) ?? '';
        if (/tv[- ]campaign/i.test(label)) (cls.includes('red') ? red : notRed).push(`${label} ${(await cell.innerText()).trim()}`);
        else if (cls.includes('red')) notRed.push(`${label} (red but not tv-campaign)`);
      }
      assert(red.length > 0 && notRed.length === 0, `red: ${red.join('; ')} | unexpected: ${notRed.join('; ')}`);
      await s.settled();
      await s.shot(ctx.shots, '08-manager-by-reason');
      return red.join('; ');
    });
  } finally {
    await s.close();
  }
}
