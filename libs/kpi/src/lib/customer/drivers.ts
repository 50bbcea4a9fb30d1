import type { DriverBand, DriverGroup, DriverName, DriverOutcome, DriverRow, SurveyResponse } from '@floorwatch/contracts';
import { DRIVERS } from '@floorwatch/contracts';
import { MIN_ANSWERED_ITEMS } from '../surveys';
import { DEFAULT_MIN_RESPONSES, DEFAULT_TOP_BOX_MIN_SCORE, isTopBox, npsClass } from './survey-kpis';

/** Drivers in the standardised regression (k = 3); q1..q5 are parts of consistency. */
const MODEL: readonly DriverName[] = ['consistency', 'productSat', 'valueForMoney'];
const TIE = 1e-9;

const score = (v: number | null | undefined, s: SurveyResponse): number | null =>
  v === null || v === undefined ? null : (100 * (v - s.scaleMin)) / (s.scaleMax - s.scaleMin);

/** The outcome on 0–100: item score on the response's scale; nps × 10. */
export function outcomeValue(s: SurveyResponse, outcome: DriverOutcome): number | null {
  if (outcome === 'nps') return s.nps === null ? null : s.nps * 10;
  return score(outcome === 'csat' ? s.csat : s[outcome], s);
}

/** consistencyIndex's response score: 100·Σ(v − min) / (answered·(max − min)); null below 3 answered. */
export function consistencyScore(s: SurveyResponse): number | null {
  const answered = s.items.filter((v): v is number => v !== null);
  if (answered.length < MIN_ANSWERED_ITEMS) return null;
  return (100 * answered.reduce((a, v) => a + (v - s.scaleMin), 0)) / (answered.length * (s.scaleMax - s.scaleMin));
}

/** Band of a response's consistency, decided exactly on Σ(v − min) (no float score at the edges). */
function bandOf(s: SurveyResponse): 0 | 1 | 2 | null {
  const answered = s.items.filter((v): v is number => v !== null);
  if (answered.length < MIN_ANSWERED_ITEMS) return null;
  const num = 100 * answered.reduce((a, v) => a + (v - s.scaleMin), 0);
  const den = answered.length * (s.scaleMax - s.scaleMin);
  return num < 40 * den ? 0 : num < 70 * den ? 1 : 2;
}

export function driverValue(s: SurveyResponse, d: DriverName): number | null {
  switch (d) {
    case 'consistency': return consistencyScore(s);
    case 'productSat': return score(s.productSat, s);
    case 'valueForMoney': return score(s.valueForMoney, s);
    default: return score(s.items[Number(d[1]) - 1], s);
  }
}

/** Pearson r; null with n < 3 or a zero sum of squares. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = xs.length;
  if (n < 3) return null;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

function det3(m: number[][]): number {
  return (
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
    m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
    m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
  );
}

/** β = R⁻¹·r_xy by Cramer's rule (3 × 3); all null unless modelN ≥ 10·k and |det R| ≥ 1e-9. */
function standardisedBetas(rows: readonly number[][], ys: readonly number[]): (number | null)[] {
  const k = MODEL.length;
  const none = MODEL.map(() => null);
  if (rows.length < 10 * k) return none;
  const col = (j: number): number[] => rows.map((r) => r[j]);
  const R: number[][] = [];
  const rxy: number[] = [];
  for (let i = 0; i < k; i++) {
    R.push([]);
    for (let j = 0; j < k; j++) {
      const r = i === j ? 1 : pearson(col(i), col(j));
      if (r === null) return none;
      R[i].push(r);
    }
    const r = pearson(col(i), ys);
    if (r === null) return none;
    rxy.push(r);
  }
  const d = det3(R);
  if (!(Math.abs(d) >= 1e-9)) return none;
  return MODEL.map((_, j) => det3(R.map((row, i) => row.map((v, c) => (c === j ? rxy[i] : v)))) / d);
}

/** Higher first; values within 1e-9 share the lower rank (1, 1, 3); null → null. */
function rankValues(values: readonly (number | null)[]): (number | null)[] {
  return values.map((v) => (v === null ? null : 1 + values.filter((o) => o !== null && o > v + TIE).length));
}

export interface DriversInput {
  responses: readonly SurveyResponse[];
  outcome: DriverOutcome;
  by?: 'mainChannel' | 'channelChain';
  minResponses?: number;
  topBoxMinScore?: number;
}

export interface DriversMaths {
  modelN: number;
  drivers: DriverRow[];
  bands: DriverBand[];
  groups?: DriverGroup[];
}

/** customer.md "Drivers": r, standardised betas, ranks, consistency bands, groups with the gap to the best. */
export function computeDrivers(input: DriversInput): DriversMaths {
  const { responses, outcome } = input;
  const minResponses = input.minResponses ?? DEFAULT_MIN_RESPONSES;
  const ys = responses.map((s) => outcomeValue(s, outcome));
  const xs = DRIVERS.map((d) => responses.map((s) => driverValue(s, d)));

  const pairs = DRIVERS.map((_, j) => {
    const x: number[] = [];
    const y: number[] = [];
    ys.forEach((v, i) => {
      const u = xs[j][i];
      if (v !== null && u !== null) {
        x.push(u);
        y.push(v);
      }
    });
    return { n: x.length, r: pearson(x, y) };
  });

  const modelRows: number[][] = [];
  const modelY: number[] = [];
  ys.forEach((v, i) => {
    const row = MODEL.map((d) => xs[DRIVERS.indexOf(d)][i]);
    if (v !== null && row.every((u) => u !== null)) {
      modelRows.push(row as number[]);
      modelY.push(v);
    }
  });
  const betas = standardisedBetas(modelRows, modelY);
  const useBeta = betas.some((b) => b !== null);
  const modelRanks = rankValues(useBeta ? betas : MODEL.map((d) => pairs[DRIVERS.indexOf(d)].r));
  const itemRanks = rankValues(DRIVERS.slice(3).map((_, i) => pairs[3 + i].r));

  const drivers: DriverRow[] = DRIVERS.map((driver, j) => ({
    driver,
    n: pairs[j].n,
    r: pairs[j].r,
    beta: j < 3 ? betas[j] : null,
    rank: j < 3 ? modelRanks[j] : itemRanks[j - 3],
  }));

  const bandNames = ['[0,40)', '[40,70)', '[70,100]'] as const;
  const bands: DriverBand[] = bandNames.map((band, b) => {
    const members = responses.filter((s, i) => bandOf(s) === b && ys[i] !== null);
    const vals = members.map((s) => outcomeValue(s, outcome) as number);
    const row: DriverBand = { band, n: members.length, outcomeMean: vals.length ? vals.reduce((a, v) => a + v, 0) / vals.length : null };
    if (outcome === 'nps') {
      const k = members.map((s) => npsClass(s.nps as number));
      row.npsScore = k.length ? (100 * (k.filter((c) => c === 'promoter').length - k.filter((c) => c === 'detractor').length)) / k.length : null;
    } else {
      const raw = members.map((s) => (outcome === 'csat' ? s.csat : s[outcome]) as number);
      row.topBoxPct = raw.length ? (100 * members.filter((s, i) => isTopBox(raw[i], s.scaleMin, s.scaleMax, input.topBoxMinScore ?? DEFAULT_TOP_BOX_MIN_SCORE)).length) / raw.length : null;
    }
    return row;
  });

  const out: DriversMaths = { modelN: modelRows.length, drivers, bands };
  if (input.by) {
    const by = input.by;
    const groups = new Map<string, { c: number[]; o: number[] }>();
    responses.forEach((s, i) => {
      const key = s[by];
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { c: [], o: [] }));
      const c = xs[0][i];
      if (c !== null) g.c.push(c);
      if (ys[i] !== null) g.o.push(ys[i] as number);
    });
    const mean = (a: number[]): number | null => (a.length ? a.reduce((x, y) => x + y, 0) / a.length : null);
    const rows = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, g]) => ({ key, consistencyResponses: g.c.length, consistencyIndex: mean(g.c), outcomeMean: mean(g.o) }));
    const eligible = rows.filter((g) => g.consistencyResponses >= minResponses && g.consistencyIndex !== null);
    const best = eligible.length ? Math.max(...eligible.map((g) => g.consistencyIndex as number)) : null;
    out.groups = rows.map((g) => ({
      ...g,
      consistencyGapPts: best !== null && g.consistencyResponses >= minResponses && g.consistencyIndex !== null ? best - g.consistencyIndex : null,
    }));
  }
  return out;
}
