import type { Type } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { DriversResult, FeedbackItem, HotlineCase, HotlineSummary, KpiApiResult, KpiRowWithTargets } from '@floorwatch/contracts';
import { AgentFeedbackPanel } from './agent-feedback-panel';
import { CustomerManagerPanel } from './customer-manager-panel';
import { SurveyTile } from './survey-tile';
import { TeamCasesPanel } from './team-cases-panel';

/*
 * customer.md "Screens": survey figures are coloured only with n ≥ minResponses (else muted with
 * "n = 12"); the manager sees CSAT / NPS with n, the Table-2 drivers and the HOTLINE summary; the
 * team leader sees CSAT / NPS per agent and steps the team's open cases open → acknowledged →
 * actioned → closed; the agent sees their own customers' comments.
 */
const FROM = '2024-06-01T00:00:00.000Z';
const TO = '2024-06-08T00:00:00.000Z';
const row = (key: string, kpis: Record<string, number | null>, targets: Record<string, unknown> = {}): KpiRowWithTargets => ({ key, kpis, targets }) as unknown as KpiRowWithTargets;
const result = (rows: KpiRowWithTargets[]): KpiApiResult => ({ scope: 'x', from: FROM, to: TO, rows }) as unknown as KpiApiResult;
const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

let http: HttpTestingController;
beforeEach(() => {
  TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  http = TestBed.inject(HttpTestingController);
});
afterEach(() => http.verify());

/** Renders without waiting for stability (a pending request keeps the app unstable). */
function render<T>(fixture: ComponentFixture<T>): void {
  TestBed.tick();
  fixture.detectChanges();
}

/** A panel over FROM..TO with its other inputs, rendered once (its requests now pending). */
function mount<T>(type: Type<T>, inputs: Record<string, unknown>): ComponentFixture<T> {
  const fixture = TestBed.createComponent(type);
  for (const [k, v] of Object.entries({ ...inputs, from: FROM, to: TO })) fixture.componentRef.setInput(k, v);
  render(fixture);
  return fixture;
}

/** Renders and waits for what is not an HTTP call (only once no request is pending). */
async function settle<T>(fixture: ComponentFixture<T>): Promise<void> {
  TestBed.tick();
  fixture.detectChanges();
  await fixture.whenStable();
  fixture.detectChanges();
}

describe('survey tile: colour only from minResponses answers on', () => {
  async function tile(n: number, status: string): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(SurveyTile);
    fixture.componentRef.setInput('kpi', 'csatTopBoxPct');
    fixture.componentRef.setInput('row', row('all', { csatTopBoxPct: 60 }, { csatTopBoxPct: { value: 80, status, n, minResponses: 30 } }));
    await settle(fixture);
    return fixture.nativeElement as HTMLElement;
  }

  it('n = 10 < 30: muted, says n and that it is not judged, no red', async () => {
    const el = await tile(10, 'none');
    expect(el.classList).toContain('fw-survey-muted');
    expect(text(el.querySelector('.detail'))).toBe('n = 10 (below 30: not judged)');
    expect(text(el.querySelector('.label'))).toBe('CSAT top box');
    expect(el.querySelector('app-kpi-tile')?.className ?? '').not.toMatch(/red|bad|breach/);
  });

  it('n = 40 ≥ 30: not muted, n shown, judged against the target', async () => {
    const el = await tile(40, 'red');
    expect(el.classList).not.toContain('fw-survey-muted');
    expect(text(el.querySelector('.detail'))).toBe('n = 40');
  });

  it('CSAT mean (no target, so no entry): n is the row’s csatResponses, muted below the minimum another survey KPI carries', async () => {
    const fixture = TestBed.createComponent(SurveyTile);
    fixture.componentRef.setInput('kpi', 'csatMean');
    fixture.componentRef.setInput('row', row('all', { csatMean: 77, csatResponses: 5 }, { csatTopBoxPct: { value: 80, status: 'none', n: 5, minResponses: 30 } }));
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.classList).toContain('fw-survey-muted');
    expect(text(el.querySelector('.detail'))).toBe('n = 5 (below 30: not judged)');
  });
});

describe('manager customer panel', () => {
  const DRIVERS: DriversResult = {
    outcome: 'csat', scope: 'enterprise', from: FROM, to: TO, modelN: 412,
    drivers: [
      { driver: 'consistency', n: 412, r: 0.61, beta: 0.52, rank: 1 },
      { driver: 'productSat', n: 400, r: 0.3, beta: 0.12, rank: 3 },
      { driver: 'valueForMoney', n: 405, r: 0.35, beta: 0.2, rank: 2 },
      { driver: 'q1', n: 412, r: 0.4, beta: null, rank: 2 },
    ],
    bands: [{ band: '[0,40)', n: 50, outcomeMean: 31.4, topBoxPct: 10 }, { band: '[40,70)', n: 160, outcomeMean: 58, topBoxPct: 40 }, { band: '[70,100]', n: 202, outcomeMean: 83.6, topBoxPct: 78 }],
    groups: [{ key: 'phone', consistencyResponses: 20, consistencyIndex: 70, outcomeMean: 60, consistencyGapPts: null }],
  } as unknown as DriversResult;

  it('CSAT / NPS tiles with n, the top three drivers in driver order with their ranks, bands, and the HOTLINE summary', async () => {
    const fixture = mount(CustomerManagerPanel, { scope: 'enterprise' });
    http.expectOne((r) => r.url === '/api/v1/kpis' && r.params.get('scope') === 'enterprise' && !r.params.has('by')).flush(
      result([row('all', { csatTopBoxPct: 72.5, csatMean: 70.1, npsScore: 12, hotlineOpen: 4, closeSecondsMedian: 90_000, closeSecondsP90: 200_000, closedWithin48hPct: 75 }, {
        csatTopBoxPct: { value: 80, status: 'amber', n: 412, minResponses: 30 },
        csatMean: { value: null, status: 'none', n: 412, minResponses: 30 },
        npsScore: { value: 30, status: 'red', n: 12, minResponses: 30 },
      })]),
    );
    http.expectOne((r) => r.url === '/api/v1/drivers' && r.params.get('outcome') === 'csat' && r.params.get('by') === 'channelChain').flush(DRIVERS);
    http.expectOne((r) => r.url === '/api/v1/hotline/summary' && r.params.get('scope') === 'enterprise' && r.params.get('from') === FROM).flush(summary(5, 2, 12, 111_600, 83.33));
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const tiles = Array.from(el.querySelectorAll('app-kpi-tile')).map((t) => [text(t.querySelector('.label')), text(t.querySelector('.detail'))]);
    expect(tiles.slice(0, 3)).toEqual([['CSAT top box', 'n = 412'], ['CSAT mean', 'n = 412'], ['NPS', 'n = 12 (below 30: not judged)']]);
    expect(tiles.map((t) => t[0])).toEqual(expect.arrayContaining(['HOTLINE open now', 'HOTLINE median close', 'Closed within 48 h']));
    expect(Array.from(el.querySelectorAll('app-survey-tile')).map((t) => t.classList.contains('fw-survey-muted'))).toEqual([false, false, true]);
    const drivers = Array.from(el.querySelectorAll('table[aria-label="Drivers of CSAT"] tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map(text));
    expect(drivers).toEqual([
      ['1', 'Consistency', '0.61', '0.52', '412'],
      ['3', 'Product', '0.30', '0.12', '400'],
      ['2', 'Value for money', '0.35', '0.20', '405'],
    ]);
    expect(text(el.querySelector('p.fw-xs'))).toContain('412 complete responses');
    expect(text(el.querySelector('p.fw-xs'))).toContain('[70,100] 84 (n 202)');
    // One chain below the minimum: no gap bars, says so.
    expect(el.textContent).toContain('Too few responses per chain.');
  });
});

/** A summary: the backlog now, and the period's raised / median close (p90 = median + 10 h) / within 48 h. */
const summary = (openNow: number, overdueNow: number, raised: number, closeMedian: number | null, within: number | null): HotlineSummary => ({
  scope: 'enterprise', from: FROM, to: TO, asOf: TO, openNow, overdueNow, oldestOpenRaisedAt: null,
  period: { hotlineCases: raised, hotlineOpen: 0, ackSecondsMedian: null, closeSecondsMedian: closeMedian, closeSecondsP90: closeMedian === null ? null : closeMedian + 36_000, closedWithin48hPct: within },
});

describe('manager HOTLINE summary: open now is the backlog, the close figures are the period’s', () => {
  async function panel(s: HotlineSummary): Promise<HTMLElement> {
    const fixture = mount(CustomerManagerPanel, { scope: 'enterprise', periodLabel: 'December 2026' });
    http.expectOne((r) => r.url === '/api/v1/kpis').flush(result([row('all', {})]));
    http.expectOne((r) => r.url === '/api/v1/drivers').flush(null);
    http.expectOne((r) => r.url === '/api/v1/hotline/summary').flush(s);
    await settle(fixture);
    return fixture.nativeElement as HTMLElement;
  }
  const tile = (el: HTMLElement, label: string) => {
    const t = Array.from(el.querySelectorAll('app-kpi-tile')).find((x) => text(x.querySelector('.label')) === label);
    return { value: text(t?.querySelector('.value')), detail: text(t?.querySelector('.detail')), note: text(t?.querySelector('.note')) };
  };

  it('5 open, 2 overdue; December: 12 raised, median close 111 600 s = 31 h 0 m (p90 41 h), 83 % within 48 h', async () => {
    const el = await panel(summary(5, 2, 12, 111_600, 83.33));
    expect(text(el.querySelector('[aria-label="HOTLINE summary"]'))).toBe('Open now 5 · 2 overdue · December 2026: raised 12, median close 31 h 0 m, 83.3 % within 48 h');
    expect(tile(el, 'HOTLINE open now')).toEqual({ value: '5', detail: '2 overdue (over 48 h)', note: '' });
    expect(tile(el, 'HOTLINE median close')).toEqual({ value: '31 h 0 m', detail: 'p90 41 h 0 m', note: 'December 2026: 12 raised' });
    expect(tile(el, 'Closed within 48 h').value).toBe('83.3 %');
  });

  it('the 1st of the month at 07:00: 4 open (1 overdue) from last month, nothing raised this month — says so, no "—"', async () => {
    const el = await panel(summary(4, 1, 0, null, null));
    expect(text(el.querySelector('[aria-label="HOTLINE summary"]'))).toBe('Open now 4 · 1 overdue · December 2026: raised 0, none closed yet, none due for 48 h yet');
    expect(tile(el, 'HOTLINE open now')).toEqual({ value: '4', detail: '1 overdue (over 48 h)', note: '' });
    expect(tile(el, 'HOTLINE median close').value).toBe('none yet');
    expect(tile(el, 'Closed within 48 h').value).toBe('none due');
    expect(el.textContent).not.toContain('—');
  });
});

describe('team leader: CSAT per agent and the team’s open cases', () => {
  const base: HotlineCase = {
    id: '11', responseId: 'k|1|', respondedAt: '2024-06-05T10:00:00.000Z', raisedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(), rules: ['csat-min'],
    csat: 1, nps: 2, comment: 'Nobody called back', attribution: { attributedBy: 'contactId', segmentId: 's', contactId: 'c', agentId: 'a1', teamId: 't1', queueId: 'q1', reason: 'r', channel: 'voice', siteId: 's1' },
    assignedTo: ['lead'], state: 'open', acknowledgedAt: null, actionedAt: null, closedAt: null, causeCode: null, action: null, resolution: null, history: [],
  } as unknown as HotlineCase;
  const closed = { ...base, id: '12', state: 'closed' } as HotlineCase;

  it('lists agents lowest CSAT first (muted below the minimum, n shown) and steps a case through acknowledge, act and close', async () => {
    const fixture = mount(TeamCasesPanel, { teamId: 't1', agentName: (id: string) => ({ a1: 'Ann', a2: 'Bob' })[id] ?? id });
    http.expectOne((r) => r.url === '/api/v1/kpis' && r.params.get('scope') === 'team:t1' && r.params.get('by') === 'agent').flush(
      result([
        row('(none)', { csatMean: 10, csatResponses: 3 }),
        row('a1', { csatMean: 41.6, csatTopBoxPct: 25, npsScore: -20, csatResponses: 12 }, { csatTopBoxPct: { value: 80, status: 'none', n: 12, minResponses: 30 } }),
        row('a2', { csatMean: 80.2, csatTopBoxPct: 85, npsScore: 40, csatResponses: 35 }),
      ]),
    );
    const cases = (): TestRequest => http.expectOne((r) => r.url === '/api/v1/hotline' && r.params.get('scope') === 'team:t1');
    cases().flush([base, closed]);
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const agents = Array.from(el.querySelectorAll('section[aria-label="Customer satisfaction per agent"] tbody tr'));
    expect(agents.map((tr) => Array.from(tr.querySelectorAll('td')).map(text))).toEqual([
      ['Ann', '42', '25', '-20', 'n = 12'],
      ['Bob', '80', '85', '40', 'n = 35'],
    ]);
    expect(agents.map((tr) => tr.classList.contains('muted'))).toEqual([true, false]);

    const caseDivs = () => Array.from(el.querySelectorAll('.case'));
    expect(caseDivs()).toHaveLength(1); // the closed one is not listed
    expect(text(caseDivs()[0])).toContain('overdue (48 h)');
    const button = () => caseDivs()[0].querySelector('button') as HTMLButtonElement;
    const stepTo = async (label: string, body: Record<string, string>, next: HotlineCase['state']) => {
      expect(text(button())).toBe(label);
      button().click();
      const post = http.expectOne('/api/v1/hotline/11/transition');
      expect([post.request.method, post.request.body]).toEqual(['POST', body]);
      post.flush({ ...base, state: next });
      render(fixture);
      cases().flush([{ ...base, state: next }]);
      await settle(fixture);
    };
    await stepTo('Acknowledge', { to: 'acknowledged' }, 'acknowledged');
    await stepTo('Mark acted upon', { to: 'actioned', action: 'Called the customer back' }, 'actioned');
    const cause = caseDivs()[0].querySelector('select') as HTMLSelectElement;
    cause.value = 'process';
    button().click();
    const post = http.expectOne('/api/v1/hotline/11/transition');
    expect(post.request.body).toEqual({ to: 'closed', causeCode: 'process', resolution: 'Resolved with the customer' });
    post.flush({ ...base, state: 'closed' });
    render(fixture);
    cases().flush([{ ...base, state: 'closed' }]);
    await settle(fixture);
    expect(text(el.querySelector('section[aria-label="Open HOTLINE cases"]'))).toContain('No open cases.');
  });

  it('a refused step says why and keeps the case', async () => {
    const fixture = mount(TeamCasesPanel, { teamId: 't1' });
    http.expectOne((r) => r.url === '/api/v1/kpis').flush(result([]));
    http.expectOne((r) => r.url === '/api/v1/hotline').flush([base]);
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    (el.querySelector('.case button') as HTMLButtonElement).click();
    http.expectOne('/api/v1/hotline/11/transition').flush({ statusCode: 409, message: 'case 11 is acknowledged, not open' }, { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    expect(text(el.querySelector('.fw-error-text'))).toContain('case 11 is acknowledged, not open');
    expect(el.querySelectorAll('.case')).toHaveLength(1);
  });
});

describe('agent: own CSAT / NPS and own customers’ comments', () => {
  it('asks for the agent’s own scope only and lists the answers that have a comment, newest first as served', async () => {
    const fixture = mount(AgentFeedbackPanel, { agentId: 'a1' });
    http.expectOne((r) => r.url === '/api/v1/kpis' && r.params.get('scope') === 'agent:a1').flush(
      result([row('all', { csatMean: 55, csatTopBoxPct: 40, npsScore: -10 }, { csatTopBoxPct: { value: 80, status: 'none', n: 7, minResponses: 30 } })]),
    );
    const item = (respondedAt: string, csat: number, comment: string | null, caseState: FeedbackItem['caseState'] = null): FeedbackItem =>
      ({ respondedAt, contactId: 'c', channel: 'voice', queueId: 'q1', attributedBy: 'contactId', csat, nps: 5, scale: { min: 1, max: 5 }, comment, caseState });
    const feedback = http.expectOne((r) => r.url === '/api/v1/feedback');
    expect(feedback.request.params.get('scope')).toBe('agent:a1');
    feedback.flush([item('2024-06-06T15:20:00.000Z', 1, 'You hung up on me', 'open'), item('2024-06-05T09:00:00.000Z', 5, null), item('2024-06-04T11:05:00.000Z', 4, 'Quick and kind')]);
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    // Each item: what and when (the muted line), then the comment on its own line.
    expect(Array.from(el.querySelectorAll('li')).map((li) => [text(li.querySelector('span')), text(li).slice(text(li.querySelector('span')).length).trim()])).toEqual([
      ['2024-06-06 15:20 · voice · csat 1/5 · case open', '“You hung up on me”'],
      ['2024-06-04 11:05 · voice · csat 4/5', '“Quick and kind”'],
    ]);
    const topBox = el.querySelectorAll('app-survey-tile')[1];
    expect(topBox.classList).toContain('fw-survey-muted');
    expect(text(topBox.querySelector('.detail'))).toBe('n = 7 (below 30: not judged)');
  });
});
