// Screenshots of issue 25's screens at 1440×900 against a running demo (E2E_URL): the "what we
// did" timeline on the team and site views, the manager's training effectiveness page, the
// control desk's interval detail with its gap decomposition, the agent's bonus tracker.
// `E2E_URL=http://127.0.0.1:3000 node -r ./tools/register.cjs e2e/action-screens.ts`
import { join } from 'node:path';
import { launchBrowser, Session } from './lib/browser';

const SHOTS = join(__dirname, 'screenshots', 'action');

async function main(): Promise<void> {
  const url = process.env['E2E_URL'];
  if (!url) throw new Error('E2E_URL: the running demo');
  const browser = await launchBrowser();
  const shoot = async (user: string, path: string, name: string, then?: (s: Session) => Promise<void>) => {
    const s = await Session.open(browser, url, { width: 1440, height: 900 });
    try {
      await s.login(user);
      await s.page.goto(path);
      await s.settled().catch(() => undefined);
      if (then) await then(s).catch((e: unknown) => process.stdout.write(`${name}: ${String(e).split('\n')[0]}\n`));
      await s.shot(SHOTS, name, false);
      process.stdout.write(`${name}: ${path}${s.consoleErrors.length ? ` (console: ${s.consoleErrors.join(' | ')})` : ''}\n`);
    } finally {
      await s.close();
    }
  };
  const scrollTo = (testId: string) => async (s: Session) => {
    const el = s.page.getByTestId(testId).first();
    await el.waitFor({ timeout: 60_000 });
    await el.scrollIntoViewIfNeeded();
  };
  try {
    if (!process.env['SKIP_COACHING']) await shoot('lead', '/team', 'team-timeline', async (s) => {
      // The coaching form records an action; the timeline lists it (effect pending for 7 days).
      await scrollTo('actions-timeline')(s);
      const form = s.page.getByRole('form', { name: 'Record a coaching session' });
      await form.locator('select[name=who]').selectOption({ index: 1 });
      await form.locator('input[name=desc]').fill('ACW: wrap-up codes and notes during the call');
      await form.getByRole('button', { name: 'Record coaching' }).click();
      await s.page.getByTestId('actions-timeline').getByText('ACW: wrap-up codes').first().waitFor();
    });
    await shoot('manager', '/manager?scope=site:lon&period=week', 'site-timeline', async (s) => {
      await scrollTo('actions-timeline')(s);
      await s.page.getByTestId('actions-timeline').locator('li:not(.empty)').first().waitFor({ timeout: 120_000 });
    });
    await shoot('manager', '/training', 'training-page', scrollTo('training-effect'));
    await shoot('manager', '/training', 'training-page-1-day', async (s) => {
      await s.page.getByTestId('training-days').selectOption({ label: '1' });
      await s.settled().catch(() => undefined);
      await s.page.getByTestId('training-effect').waitFor({ timeout: 60_000 });
    });
    await shoot('desk', '/desk?site=chi', 'desk-interval-gap', scrollTo('gap-decomposition'));
    await shoot('agent', '/agent', 'agent-bonus', scrollTo('bonus-tracker'));
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
