/**
 * Forecast accuracy (action.md "Forecast accuracy and schedule efficiency"): volume and AHT error
 * per queue × interval, and their sums by day, queue or site (WAPE against actual volume).
 */

export interface ForecastActualCell {
  /** ISO start of the interval (the row key of an interval row). */
  intervalStart: number;
  queueId: string;
  forecastVolume: number;
  forecastAhtSeconds: number;
  /** Offered. */
  actualVolume: number;
  handled: number;
  handleSeconds: number;
}

export interface ForecastAccuracyRow {
  forecastVolume: number;
  actualVolume: number;
  volumeErrorPct: number | null;
  wapePct: number | null;
  forecastAhtSeconds: number | null;
  actualAhtSeconds: number | null;
  ahtErrorPct: number | null;
}

const pct = (num: number, den: number): number | null => (den > 0 ? (100 * num) / den : null);

/**
 * One row over any set of cells: volumes sum; volumeErrorPct = 100 × Σ(a − f) / Σf; wapePct =
 * 100 × Σ|a − f| / Σa; forecast AHT weighted by forecast volume; actual AHT = Σ handle / handled.
 * On one cell this is the interval row (wapePct = |error| against actual).
 */
export function forecastAccuracy(cells: readonly ForecastActualCell[]): ForecastAccuracyRow {
  let f = 0;
  let a = 0;
  let abs = 0;
  let fAht = 0;
  let handled = 0;
  let handleSeconds = 0;
  for (const c of cells) {
    f += c.forecastVolume;
    a += c.actualVolume;
    abs += Math.abs(c.actualVolume - c.forecastVolume);
    fAht += c.forecastVolume * c.forecastAhtSeconds;
    handled += c.handled;
    handleSeconds += c.handleSeconds;
  }
  const forecastAhtSeconds = f > 0 ? fAht / f : null;
  const actualAhtSeconds = handled > 0 ? handleSeconds / handled : null;
  return {
    forecastVolume: f,
    actualVolume: a,
    volumeErrorPct: pct(a - f, f),
    wapePct: pct(abs, a),
    forecastAhtSeconds,
    actualAhtSeconds,
    ahtErrorPct:
      forecastAhtSeconds !== null && actualAhtSeconds !== null && forecastAhtSeconds > 0
        ? (100 * (actualAhtSeconds - forecastAhtSeconds)) / forecastAhtSeconds
        : null,
  };
}

/** Groups cells by a key (interval ISO, day, queue) and computes one row per group, keys sorted. */
export function forecastAccuracyBy(
  cells: readonly ForecastActualCell[],
  keyOf: (c: ForecastActualCell) => string,
): (ForecastAccuracyRow & { key: string })[] {
  const groups = new Map<string, ForecastActualCell[]>();
  for (const c of cells) {
    const k = keyOf(c);
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  return [...groups.keys()].sort().map((key) => ({ key, ...forecastAccuracy(groups.get(key) ?? []) }));
}
