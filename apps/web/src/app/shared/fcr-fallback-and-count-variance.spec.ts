import { TestBed } from '@angular/core/testing';
import { judgedNote, judgedWindow } from './fcr-fallback';
import { KpiTile } from './kpi-tile';

async function tile(inputs: Record<string, unknown>): Promise<HTMLElement> {
  const fixture = TestBed.createComponent(KpiTile);
  for (const [k, v] of Object.entries(inputs)) fixture.componentRef.setInput(k, v);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

describe('FCR falls back to the latest fully judged window of the same length', () => {
  it('today at 11:00 London (5 Dec): the day judged is 27 Nov (every contact of it ended ≤ 28 Nov 11:00 − …)', () => {
    // judgedBy = 5 Dec 11:00 − 7 d = 28 Nov 11:00; today's window ends 6 Dec 00:00, 7 d 13 h later
    // → moved back ceil(7.54) = 8 days: 27 Nov 00:00 – 28 Nov 00:00.
    const w = judgedWindow('2026-12-05T00:00:00.000Z', '2026-12-06T00:00:00.000Z', '2026-12-05T11:00:00.000Z');
    expect(w).toEqual({ from: '2026-11-27T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z', lastDay: '2026-11-27T00:00:00.000Z' });
    expect(judgedNote(w!.lastDay, 1234, 'Europe/London')).toBe('judged to 27 Nov · 1,234 pending');
  });
  it('a week keeps its length: 30 Nov–7 Dec on 5 Dec becomes 20–27 Nov', () => {
    const w = judgedWindow('2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z', '2026-12-05T11:00:00.000Z');
    // 7 Dec 00:00 − 28 Nov 11:00 = 8 d 13 h → 9 days back
    expect(w?.from).toBe('2026-11-21T00:00:00.000Z');
    expect(w?.to).toBe('2026-11-28T00:00:00.000Z');
  });
  it('a period already judged needs no fallback', () => {
    expect(judgedWindow('2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z', '2026-12-05T11:00:00.000Z')).toBeNull();
  });
  it('the tile shows the judged figure with its note, never a bare "—"', async () => {
    const el = await tile({ kpi: 'fcrPct', value: 78.4, target: { value: 75, status: 'green' }, note: 'judged to 27 Nov · 1,234 pending' });
    expect(el.querySelector('.value')?.textContent?.trim()).toBe('78.4 %');
    expect(el.querySelector('.note')?.textContent).toBe('judged to 27 Nov · 1,234 pending');
  });
  it('a tile with no value says "No data" (and "…" while loading)', async () => {
    const none = await tile({ kpi: 'fcrPct', value: null, target: { value: 75, status: 'none' } });
    expect(none.querySelector('.value')?.textContent?.trim()).toBe('No data');
    // The badge says why there is no colour: no data, while the target (75 %) is set.
    expect(none.querySelector('app-status-badge')?.textContent?.trim()).toBe('No data');
    expect(none.querySelector('.target')?.textContent).toContain('Target ≥ 75.0 %');
    expect((await tile({ kpi: 'fcrPct', value: null, loading: true })).querySelector('.value')?.textContent?.trim()).toBe('…');
  });
});

describe('abandon rate below queue level', () => {
  it('a team tile shows "n/a" with the reason, not a green 0.0 %', async () => {
    const el = await tile({ kpi: 'abandonRatePct', value: null, text: 'n/a', note: 'abandons belong to queues' });
    expect(el.querySelector('.value')?.textContent?.trim()).toBe('n/a');
    expect(el.querySelector('.note')?.textContent).toBe('abandons belong to queues');
    expect(el.classList).toContain('fw-status-none');
  });
});

describe('calls handled against the target due so far', () => {
  it('shows "390 / 419 due, −7 %": (390 − 419) / 419 = −6.9 %', async () => {
    const el = await tile({ kpi: 'handled', value: 390, target: { value: 419, status: 'red', direction: 'higher' } });
    expect(el.querySelector('.target')?.textContent?.trim()).toBe('390 / 419 due, −7 %');
  });
  it('a pro-rated fraction reads as a whole count: 137 against 164.8 due at 11:00 → −17 %', async () => {
    // (137 − 164.8) / 164.8 = −16.9 %
    const el = await tile({ kpi: 'handled', value: 137, target: { value: 164.8, status: 'red', direction: 'higher' } });
    expect(el.querySelector('.target')?.textContent?.trim()).toBe('137 / 165 due, −17 %');
  });
});
