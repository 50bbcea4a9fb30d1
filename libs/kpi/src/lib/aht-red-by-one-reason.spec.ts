import type { Contact } from '@floorwatch/contracts';
import { computeKpis } from './compute-kpis';
import { DEFAULT_TARGETS, resolveTarget, targetStatus } from './targets';
import { at, contact, input, query } from '../testing/fixtures';

// Seed: enterprise AHT is red because one reason (tech) runs 900 s; billing 300 s, sales 320 s.
const contacts: Contact[] = [];
const mix: [string, number][] = [['billing', 300], ['sales', 320], ['tech', 900]];
for (const [reason, aht] of mix) {
  for (let i = 0; i < 10; i++) {
    contacts.push(contact({ enqueuedAt: at('2024-05-01T10:00:00Z') + i * 60_000, reason, talkSeconds: aht - 60, holdSeconds: 20, acwSeconds: 40 }));
  }
}
const aht = resolveTarget(DEFAULT_TARGETS, 'ahtSeconds', ['enterprise']);

describe('AHT red at enterprise, caused by one reason', () => {
  const q = query('2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z');

  it('enterprise AHT = (10 × 300 + 10 × 320 + 10 × 900) / 30 = 506.67 s, red against 360 (band 18)', () => {
    const [all] = computeKpis(input({ contacts }), q);
    expect(all.kpis.ahtSeconds).toBeCloseTo(15_200 / 30, 10);
    expect(aht?.amberBand).toBe(18);
    expect(targetStatus(all.kpis.ahtSeconds, aht)).toBe('red');
    // the parts add up: talk + hold + acw averages = AHT
    expect((all.kpis.talkSeconds ?? 0) + (all.kpis.holdSeconds ?? 0) + (all.kpis.acwSeconds ?? 0)).toBeCloseTo(15_200 / 30, 10);
  });

  it('by reason only tech is red', () => {
    const rows = computeKpis(input({ contacts }), { ...q, by: 'reason' });
    expect(rows.map((r) => [r.key, r.kpis.ahtSeconds, targetStatus(r.kpis.ahtSeconds, aht)])).toEqual([
      ['billing', 300, 'green'],
      ['sales', 320, 'green'],
      ['tech', 900, 'red'],
    ]);
  });
});
