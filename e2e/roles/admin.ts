import { Session } from '../lib/browser';
import type { E2eContext } from '../lib/context';
import { assert } from '../lib/report';

/** `admin`: the administration views open and list the demo's users. */
export async function adminChecks(ctx: E2eContext): Promise<void> {
  const s = await Session.open(ctx.browser, ctx.baseUrl);
  try {
    await ctx.report.check('admin: feeds and users views open', async () => {
      const landed = await s.login('admin');
      assert(landed.startsWith('/admin'), `landed on ${landed}, expected /admin`);
      await s.page.getByRole('heading', { name: 'Administration' }).waitFor();
      await s.settled();
      await s.shot(ctx.shots, '12-admin');
      await s.page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Users' }).click();
      await s.page.waitForURL((u) => u.pathname === '/admin/users');
      for (const u of ['agent', 'lead', 'manager', 'desk']) await s.page.getByText(u, { exact: true }).first().waitFor();
      await s.settled();
      await s.shot(ctx.shots, '13-admin-users');
      return landed;
    });
  } finally {
    await s.close();
  }
}
