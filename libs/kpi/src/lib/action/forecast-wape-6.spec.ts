import { forecastAccuracy, forecastAccuracyBy } from './forecast-accuracy';
import type { ForecastActualCell } from './forecast-accuracy';

const t0 = Date.parse('2026-03-09T09:00:00Z');
const cell = (i: number, f: number, a: number): ForecastActualCell => ({
  intervalStart: t0 + i * 900_000, queueId: 'q1', forecastVolume: f, forecastAhtSeconds: 300, actualVolume: a, handled: a, handleSeconds: a * 330,
});
const cells = [cell(0, 100, 110), cell(1, 120, 108), cell(2, 80, 80), cell(3, 100, 102)];

describe('forecast: 100, 120, 80, 100 against 110, 108, 80, 102', () => {
  it('volumeErrorPct per interval +10, −10, 0, +2', () => {
    const rows = forecastAccuracyBy(cells, (c) => new Date(c.intervalStart).toISOString());
    expect(rows.map((r) => r.volumeErrorPct)).toEqual([10, -10, 0, 2]);
    expect(rows[0].key).toBe('2026-03-09T09:00:00.000Z');
  });

  it('the day: volumeErrorPct 100 × (10 − 12 + 0 + 2) / 400 = 0, wapePct 100 × 24 / 400 = 6', () => {
    const day = forecastAccuracy(cells);
    expect(day.forecastVolume).toBe(400);
    expect(day.actualVolume).toBe(400);
    expect(day.volumeErrorPct).toBe(0);
    expect(day.wapePct).toBe(6);
    // AHT: forecast 300 s weighted, actual 330 s: +10 %.
    expect(day.ahtErrorPct).toBeCloseTo(10, 10);
  });

  it('WAPE divides by actual, not forecast: f 100, a 50 → |−50| / 50 = 100 %', () => {
    expect(forecastAccuracy([cell(0, 100, 50)]).wapePct).toBe(100);
    expect(forecastAccuracy([cell(0, 100, 50)]).volumeErrorPct).toBe(-50);
  });

  it('AHT forecast is weighted by forecast volume: 100 × 200 s + 300 × 400 s → 350 s', () => {
    const r = forecastAccuracy([
      { ...cell(0, 100, 0), forecastAhtSeconds: 200 },
      { ...cell(1, 300, 0), forecastAhtSeconds: 400 },
    ]);
    expect(r.forecastAhtSeconds).toBe(350);
    expect(r.actualAhtSeconds).toBeNull();
    expect(r.ahtErrorPct).toBeNull();
  });
});
