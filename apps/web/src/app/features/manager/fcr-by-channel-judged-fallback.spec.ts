import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { Component, input } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { KpiApiResult, KpiRowWithTargets } from '@floorwatch/contracts';
import type { ChartOption } from '../../shared/chart-options';
import { Chart } from '../../shared/chart';
import { CrossChannel } from './cross-channel';

/** echarts draws nothing in jsdom: the stub keeps the chart's accessible summary to read. */
@Component({ selector: 'app-chart', template: `<div role="img" [attr.aria-label]="summary()"></div>` })
class StubChart {
  readonly options = input<ChartOption>({});
  readonly summary = input('Chart');
}

// Saturday 5 Dec 2026, 11:00 London: today's contacts wait 7 days for repeats, so the period's FCR
// is null. The latest fully judged day of the same length is 27 Nov (judgedWindow, shared spec).
const TODAY = { from: '2026-12-05T00:00:00.000Z', to: '2026-12-06T00:00:00.000Z', asOf: '2026-12-05T11:00:00.000Z' };
const row = (key: string, fcrPct: number | null, extra: Record<string, number> = {}, status = 'none'): KpiRowWithTargets =>
  ({ key, kpis: { fcrPct, ...extra }, targets: { fcrPct: { value: 75, status } } }) as unknown as KpiRowWithTargets;
const result = (rows: KpiRowWithTargets[], from = TODAY.from, to = TODAY.to): KpiApiResult => ({ scope: 'site:lon', from, to, asOf: TODAY.asOf, rows });

describe('FCR by channel falls back to the latest fully judged window, labelled, like the tiles', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<CrossChannel>;
  const el = () => fixture.nativeElement as HTMLElement;
  const render = async () => {
    for (let i = 0; i < 3; i++) {
      TestBed.tick();
      fixture.detectChanges();
      await Promise.resolve();
    }
  };
  const kpiRequests = () => http.match((r) => r.url === '/api/v1/kpis');
  const param = (r: TestRequest, name: string) => r.request.params.get(name);

  async function open(channelRows: KpiRowWithTargets[], judgedRows: KpiRowWithTargets[] | null) {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    TestBed.overrideComponent(CrossChannel, { remove: { imports: [Chart] }, add: { imports: [StubChart] } });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CrossChannel);
    fixture.componentRef.setInput('scope', 'site:lon');
    fixture.componentRef.setInput('from', TODAY.from);
    fixture.componentRef.setInput('to', TODAY.to);
    fixture.componentRef.setInput('tz', 'Europe/London');
    await render();
    for (const r of kpiRequests()) {
      const by = param(r, 'by');
      if (by === 'channel') r.flush(result(channelRows));
      else if (by) r.flush(result([]));
      else r.flush(result([row('all', null, { fcrPending: 1234 })]));
    }
    await render();
    const judged = kpiRequests();
    if (judgedRows) {
      // One more request: by channel, moved back 8 whole days to 27 Nov – 28 Nov.
      expect(judged.map((r) => [param(r, 'by'), param(r, 'from'), param(r, 'to')])).toEqual([['channel', '2026-11-27T00:00:00.000Z', '2026-11-28T00:00:00.000Z']]);
      judged[0].flush(result(judgedRows, '2026-11-27T00:00:00.000Z', '2026-11-28T00:00:00.000Z'));
      await render();
    }
  }
  const option = () => (fixture.componentInstance as unknown as { fcrOption: () => ChartOption }).fcrOption();
  const tooltip = (i: number) => ((option()['tooltip'] as { formatter: (p: { dataIndex: number }[]) => string }).formatter)([{ dataIndex: i }]);

  it('today pending → the chart shows 27 Nov per channel, says "judged to 27 Nov · 1,234 pending", and a channel without a value reads "No data"', async () => {
    await open([row('voice', null), row('chat', null)], [row('voice', 78.4, {}, 'green'), row('chat', null)]);
    expect(el().querySelector('[data-testid=fcr-channel-note]')?.textContent).toBe('judged to 27 Nov · 1,234 pending');
    expect(el().querySelector('[aria-label^="FCR by channel"]')?.getAttribute('aria-label')).toBe('FCR by channel, coloured by status, judged to 27 Nov · 1,234 pending');
    const data = ((option()['series'] as { data: { value: number | null }[] }[])[0]).data.map((d) => d.value);
    expect(data).toEqual([78.4, null]);
    expect(tooltip(0)).toContain('First-contact resolution: 78.4 %');
    expect(tooltip(0)).toContain('On target');
    // Not "—" and not the status word "No target": the target (75 %) is set, the value is missing.
    expect(tooltip(1)).toContain('First-contact resolution: No data');
    expect(tooltip(1)).not.toContain('No target');
  });

  it('a period with its own FCR needs no fallback and no label', async () => {
    await open([row('voice', 71.5, {}, 'amber')], null);
    http.expectNone((r) => r.url === '/api/v1/kpis');
    expect(el().querySelector('[data-testid=fcr-channel-note]')).toBeNull();
  });

  it('nothing judged in either window: the panel says "No data", not an empty chart', async () => {
    await open([row('voice', null)], [row('voice', null)]);
    expect(el().textContent).toContain('No data: no contact of this period or of a fully judged one before it.');
  });
});
