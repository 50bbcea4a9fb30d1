import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { HttpApiModule } from '../common/http-api.module';
import { createTestApp, loginAs } from '../common/testing/test-app';
import { DAY, seedWorld } from '../common/testing/world';
import type { KpiApiResult } from '@floorwatch/contracts';
import { csvFileName, kpiCsv, textCell } from './kpi-csv';

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

  it('GET kpis.csv by agent: readable headers with units, rounded numbers, status words and an attachment name', async () => {
    const token = await loginAs(app, 'lead');
    const res = await request(app.getHttpServer()).get(`/api/v1/kpis.csv?scope=team:t1&by=agent&from=${DAY.from}&to=${DAY.to}`).set('Authorization', `Bearer ${token}`);
    expect(res.headers['content-disposition']).toBe('attachment; filename="floorwatch-team-t1-2026-03-02.csv"');
    const [header, ...rows] = res.text.trim().split('\r\n');
    expect(header.split(',').slice(0, 3)).toEqual(['Agent', 'Scheduled time (s)', 'In adherence (s)']);
    // Each test call above: 120 s talk + 0 hold + 0 ACW = AHT 120 s, one handled.
    const cols = header.split(',');
    const eve = rows.find((l) => l.startsWith('"\'=HYPERLINK'))!.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
    expect(eve[cols.indexOf('AHT (s)')]).toBe('120');
    expect(eve[cols.indexOf('Handled')]).toBe('1');
  });
});

describe('kpiCsv readable headers (the words and units the screens use)', () => {
  const result = {
    scope: 'team:t1', from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z', asOf: '2026-03-03T00:00:00.000Z', by: 'agent',
    rows: [{ key: '-a9', kpis: { adherencePct: 91.66666, ahtSeconds: 311.6, handled: 40, contactsPerProductiveHour: 7.25, fcrPct: null, npsScore: -12.4 }, targets: { adherencePct: { value: 90, status: 'green' }, ahtSeconds: { value: 300, status: 'amber' } } }],
  } as unknown as KpiApiResult;

  it('"Adherence (%)" 91.7, "AHT (s)" 312, FCR empty, NPS −12 stays a number; statuses in words; a formula-shaped key made inert', () => {
    const [header, row] = kpiCsv(result).trim().split('\r\n').map((l) => l.split(','));
    const at = (h: string) => row[header.indexOf(h)];
    expect(header[0]).toBe('Agent');
    expect(row[0]).toBe("'-a9");
    // 91.66666 → one decimal 91.7; 311.6 s → whole seconds 312; 7.25 → one decimal "7.3"? toFixed(1) of 7.25 is "7.3" in V8 (7.25 is exact in binary and rounds half up).
    expect(at('Adherence (%)')).toBe('91.7');
    expect(at('AHT (s)')).toBe('312');
    expect(at('Handled')).toBe('40');
    expect(at('Contacts / productive hour')).toBe('7.3');
    expect(at('First-contact resolution (%)')).toBe('');
    expect(at('NPS')).toBe('-12');
    expect(at('Adherence status')).toBe('On target');
    expect(at('AHT status')).toBe('Near target');
    expect(header).not.toContain('adherencePct');
  });

  it('headers=names keeps the raw names and unrounded values', () => {
    const [header, row] = kpiCsv(result, 'names').trim().split('\r\n').map((l) => l.split(','));
    expect(header[0]).toBe('agent');
    expect(row[header.indexOf('adherencePct')]).toBe('91.66666');
    expect(row[header.indexOf('ahtSecondsStatus')]).toBe('amber');
  });

  it('names the file after the scope and first day, nothing a header could break on', () => {
    expect(csvFileName('team:lon-t01', '2026-11-30T00:00:00.000Z')).toBe('floorwatch-team-lon-t01-2026-11-30.csv');
    expect(csvFileName('agent:a"b\r\n', '2026-11-30T00:00:00.000Z')).toBe('floorwatch-agent-a-b-2026-11-30.csv');
  });
});
