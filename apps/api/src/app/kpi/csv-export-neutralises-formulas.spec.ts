import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { DAY, seedWorld } from '../common/testing/world';
import { textCell } from './kpi-csv';

/** Issue 20 item 7: a CSV cell a spreadsheet would run as a formula arrives inert (OWASP CSV injection). */
describe('CSV export neutralises formulas', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await withTestDatabase();
    app = await createTestApp(db, [HttpApiModule]);
    await seedWorld(db, app);
    // Agent ids come from feeds: one shaped like a formula, one like a DDE payload.
    await db.dataSource.query(`INSERT INTO agents (id, name, team_id, site_id) VALUES ('=HYPERLINK("http://x","y")', 'Eve', 't1', 'lon'), ('@SUM(1+1)', 'Mal', 't1', 'lon')`);
    const at = Date.parse('2026-03-02T10:30:00Z');
    const call = (contactId: string, agentId: string) => ({
      source: 'test', contactId, segmentId: '1', channel: 'voice' as const, queueId: 'lon-voice', reason: '-2+3', agentId, customerKey: null,
      enqueuedAt: at, answeredAt: at + 10_000, endedAt: at + 130_000, waitSeconds: 10, talkSeconds: 120, holdSeconds: 0,
      acwSeconds: 0, outcome: 'handled' as const, transferredTo: null, siteId: 'lon', teamId: 't1',
    });
    await db.store.writeContacts([call('e1', '=HYPERLINK("http://x","y")'), call('e2', '@SUM(1+1)')]);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('prefixes = + - @ tab CR text cells with an apostrophe, leaves numbers alone', () => {
    expect(['=1+1', '+1', '-cmd', '@A1', '\tx', '\rx', 'ok', 'a=b'].map(textCell)).toEqual(["'=1+1", "'+1", "'-cmd", "'@A1", "'\tx", "\"'\rx\"", 'ok', 'a=b']);
  });

  it('GET kpis.csv by agent and by reason: formula-shaped keys arrive inert', async () => {
    const token = await loginAs(app, 'lead');
    const byAgent = await request(app.getHttpServer()).get(`/api/v1/kpis.csv?scope=team:t1&by=agent&from=${DAY.from}&to=${DAY.to}`).set('Authorization', `Bearer ${token}`);
    expect(byAgent.status).toBe(200);
    expect(byAgent.text).toContain(`\r\n"'=HYPERLINK(""http://x"",""y"")",`);
    expect(byAgent.text).toContain(`\r\n'@SUM(1+1),`);
    expect(byAgent.text).toContain(`\r\na1,`);
    for (const line of byAgent.text.split('\r\n')) expect(line).not.toMatch(/^[=+\-@\t\r]/);
    const byReason = await request(app.getHttpServer()).get(`/api/v1/kpis.csv?scope=team:t1&by=reason&from=${DAY.from}&to=${DAY.to}`).set('Authorization', `Bearer ${token}`);
    expect(byReason.text.split('\r\n').map((l) => l.split(',')[0])).toContain("'-2+3");
  });
});
