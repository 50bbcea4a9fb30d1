import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openDatabase } from '@floorwatch/api/database/open-database';

const ROOT = join(__dirname, '..', '..', '..');
const HOUR = 3_600_000;

/*
 * customer.md Table 2 on 1..7, on 10 June 2024: q1..q5 sums 11, 17, 23, 29, 35, 20 → consistency
 * 100·(Σ − 5)/30 = 20, 40, 60, 80, 100, 50; productSat 6,3,5,4,6,5; valueForMoney 3,4,4,5,5,2;
 * csat 2,3,5,6,7,4. None is csat 1 or has a comment: no case. Then two HOTLINE responses on
 * 12 June: csat 1 (csat-min) and csat 3 / nps 2 with a comment (detractor-comment).
 */
const SURVEY = [
  'customer_id,responded_at,main_channel,channel_chain,q1,q2,q3,q4,q5,csat,nps,scale_min,scale_max,product_sat,value_for_money,comment',
  'c1,2024-06-10T09:00:00Z,phone,web>phone,3,2,2,2,2,2,,1,7,6,3,',
  'c2,2024-06-10T10:00:00Z,phone,web>phone,4,4,3,3,3,3,,1,7,3,4,',
  'c3,2024-06-10T11:00:00Z,phone,web>phone,5,5,5,4,4,5,,1,7,5,4,',
  'c4,2024-06-10T12:00:00Z,phone,phone,6,6,6,6,5,6,,1,7,4,5,',
  'c5,2024-06-10T13:00:00Z,phone,phone,7,7,7,7,7,7,,1,7,6,5,',
  'c6,2024-06-10T14:00:00Z,phone,phone,4,4,4,4,4,4,,1,7,5,2,',
  'h1,2024-06-12T09:00:00Z,phone,phone,,,,,,1,5,1,7,,,',
  'h2,2024-06-12T10:00:00Z,chat,chat,,,,,,3,2,1,7,,,"Rude, and never called back"',
].join('\n');

interface Driver { driver: string; n: number; r: number | null; beta: number | null; rank: number | null }
interface Case { id: string; respondedAt: string; raisedAt: string; rules: string[]; csat: number | null; nps: number | null; comment: string | null; state: string }

describe('fw drivers and fw hotline on the Table-2 fixture (customer.md)', () => {
  let dataDir: string;
  const fw = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['-r', './tools/register.cjs', 'tools/cli/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, FLOORWATCH_DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'fw-customer-'));
    const file = join(dataDir, 'survey.csv');
    writeFileSync(file, SURVEY);
    const r = fw('ingest', '--format', 'survey', file);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    // The header line counts as read and accepted (as for the centre fixture: 3 rows → read 4).
    expect(JSON.parse(r.out)).toMatchObject({ read: 9, accepted: 9, quarantined: 0 });
    // The csat-min case was raised 50 h ago (past the 48 h target); the other one just now.
    const handle = await openDatabase({ dataDir });
    try {
      await handle.dataSource.query(`UPDATE hotline_cases SET raised_at = $1 WHERE csat = 1`, [new Date(Date.now() - 50 * HOUR)]);
    } finally {
      await handle.close();
    }
  }, 180_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('fw drivers: r 0.9913327 / 0.1371690 / 0.6858449, modelN 6 → betas null, ranks consistency 1, valueForMoney 2, productSat 3; bands n 1, 3, 2', () => {
    const r = fw('drivers', '--outcome', 'csat', '--from', '2024-06-10T00:00:00Z', '--to', '2024-06-11T00:00:00Z');
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    const d = JSON.parse(r.out) as { outcome: string; scope: string; modelN: number; drivers: Driver[]; bands: Array<{ n: number; outcomeMean: number | null; topBoxPct: number | null }> };
    expect(d).toMatchObject({ outcome: 'csat', scope: 'enterprise', modelN: 6 });
    const by = Object.fromEntries(d.drivers.map((x) => [x.driver, x]));
    expect(by['consistency'].r).toBeCloseTo(0.9913327, 7);
    expect(by['productSat'].r).toBeCloseTo(0.137169, 7);
    expect(by['valueForMoney'].r).toBeCloseTo(0.6858449, 7);
    expect(d.drivers.map((x) => x.beta)).toEqual([null, null, null, null, null, null, null, null]);
    expect([by['consistency'].rank, by['valueForMoney'].rank, by['productSat'].rank]).toEqual([1, 2, 3]);
    // csat item scores 100·(c − 1)/6: [0,40) {16.67}; [40,70) {33.33, 66.67, 50} → 50; [70,100] {83.33, 100} → 91.67
    expect(d.bands.map((b) => b.n)).toEqual([1, 3, 2]);
    expect(d.bands[0].outcomeMean).toBeCloseTo(100 / 6, 6);
    expect(d.bands[1].outcomeMean).toBeCloseTo(50, 10);
    expect(d.bands[2].outcomeMean).toBeCloseTo(550 / 6, 6);
  }, 120_000);

  it('fw hotline: two open cases, the 50 h old one past 48 h; the June report counts 2 open and 0 of 1 due closed within 48 h', () => {
    const r = fw('hotline', '--state', 'open');
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    const cases = (JSON.parse(r.out) as Case[]).sort((a, b) => a.respondedAt.localeCompare(b.respondedAt));
    expect(cases.map((c) => [c.rules, c.csat, c.nps, c.comment, c.state])).toEqual([
      [['csat-min'], 1, 5, null, 'open'],
      [['detractor-comment'], 3, 2, 'Rude, and never called back', 'open'],
    ]);
    const age = cases.map((c) => Date.now() - Date.parse(c.raisedAt));
    expect(age[0]).toBeGreaterThan(48 * HOUR);
    expect(age[1]).toBeLessThan(48 * HOUR);

    const rep = fw('hotline', '--report', '--month', '2024-06');
    expect(rep.code).toBe(0);
    const report = JSON.parse(rep.out) as { rows: unknown[]; kpis: Record<string, number | null> };
    expect(report.rows).toHaveLength(2);
    // closedWithin48hPct = 100 × 0 closed within 48 h / (0 + 1 raised ≥ 48 h ago, not closed) = 0; the new one is pending.
    expect(report.kpis).toMatchObject({ hotlineCases: 2, hotlineOpen: 2, ackSecondsMedian: null, closeSecondsMedian: null, closedWithin48hPct: 0 });
    const csv = fw('hotline', '--report', '--month', '2024-06', '--format', 'csv');
    expect(csv.code).toBe(0);
    expect(csv.out).toContain(',"detractor-comment: Rude, and never called back",');
    expect(csv.out).toContain('\nhotlineCases,2\nhotlineOpen,2\n');
    expect(csv.out).toContain('\nclosedWithin48hPct,0\n');
  }, 180_000);

  it('bad input exits 2 with one line naming the option, nothing on stdout', () => {
    const cases: Array<[string[], RegExp]> = [
      [['drivers', '--outcome', 'happiness', '--from', '2024-06-10', '--to', '2024-06-11'], /^fw: --outcome: /],
      [['drivers', '--outcome', 'csat', '--to', '2024-06-11'], /^fw: required option '--from <iso>' not specified$/],
      [['drivers', '--outcome', 'csat', '--from', '2024-06-10', '--to', '2024-06-11', '--scope', 'site:atlantis'], /^fw: --scope: unknown site:atlantis$/],
      [['hotline', '--state', 'sleeping'], /^fw: --state: must be one of open, acknowledged, actioned, closed$/],
      [['hotline', '--report', '--month', '2024-13'], /^fw: --month: must be YYYY-MM$/],
    ];
    for (const [args, message] of cases) {
      const r = fw(...args);
      expect({ args, code: r.code, out: r.out }).toEqual({ args, code: 2, out: '' });
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.err.trimEnd()).toMatch(message);
    }
  }, 180_000);
});
