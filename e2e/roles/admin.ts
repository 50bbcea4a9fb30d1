import { Session } from '../lib/browser';
import type { E2eContext } from '../lib/context';
import { assert } from '../lib/report';

/** An upload with one malformed line, through the API as the admin; its source name. */
async function uploadBadLine(baseUrl: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'floorwatch' }) });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const source = `e2e-bad-${Date.now()}.log`;
  const res = await fetch(`${baseUrl}/api/v1/ingest/queue_log?source=${encodeURIComponent(source)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'text/plain' },
    // A queue_log file (a file with no queue_log line at all is refused whole) whose second line is bad.
    body: `${Math.floor(Date.now() / 1000)}|NONE|NONE|NONE|QUEUESTART|\nthis is not a queue_log line\n`,
  });
  const summary = (await res.json()) as { quarantined: number };
  assert(summary.quarantined === 1, `upload quarantined ${summary.quarantined} lines, expected 1`);
  return source;
}

/** `admin`: the administration views open and list the demo's users; a quarantined line is resolved. */
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
    await ctx.report.check('admin: a quarantined line is listed and marked resolved', async () => {
      const source = await uploadBadLine(ctx.baseUrl);
      await s.page.goto(`${ctx.baseUrl}/admin/quarantine?source=${encodeURIComponent(source)}`);
      await s.page.getByText('this is not a queue_log line').waitFor();
      await s.settled();
      await s.shot(ctx.shots, '14-admin-quarantine');
      await s.page.getByRole('button', { name: `Mark line 2 of ${source} resolved` }).click();
      await s.page.getByText('Nothing in quarantine.').waitFor();
      return source;
    });
  } finally {
    await s.close();
  }
}
