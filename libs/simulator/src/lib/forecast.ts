import type { ForecastInterval } from '@floorwatch/contracts';
import { queueId, type ChannelGroup } from './config';
import { SPEED_MEAN, type GroupCurve } from './arrivals';
import { INTERVAL } from './time';

const SL_TARGET: Record<ChannelGroup, { pct: number; seconds: number }> = {
  voice: { pct: 0.8, seconds: 20 },
  chat: { pct: 0.8, seconds: 60 },
  email: { pct: 0.8, seconds: 86_400 },
};

/** kpis.md's Erlang C: least N > A meeting the service-level target for the interval. */
export function erlangRequired(volume: number, aht: number, slPct: number, slSeconds: number): number {
  if (volume <= 0 || aht <= 0) return 0;
  const a = (volume * aht) / 900;
  let n = Math.max(1, Math.floor(a) + 1);
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  for (; n < 10_000; n++, b = (a * b) / (n + a * b)) {
    const c = (n * b) / (n - a * (1 - b));
    const sl = 1 - c * Math.exp((-(n - a) * slSeconds) / aht);
    if (sl >= slPct) return n;
  }
  return n;
}

export interface ForecastOverride {
  siteId: string;
  intervalStart: number;
  requiredAgents: number;
}

/**
 * One row per queue and 15-minute interval with volume. requiredAgents is the pooled Erlang C
 * need of the channel group (agents serve all its queues), apportioned to queues by workload,
 * so a site's rows sum to the site's need instead of over-counting per queue.
 */
export function buildForecast(curves: GroupCurve[], from: number, to: number, overrides: ForecastOverride[]): ForecastInterval[] {
  const rows: ForecastInterval[] = [];
  for (const curve of curves) {
    const reasons = curve.reasons;
    const mixSum = reasons.reduce((s, r) => s + r.mix, 0);
    for (let i = 0; i < curve.expected.length; i++) {
      const start = curve.origin + i * INTERVAL;
      if (start < from || start >= to || curve.expected[i] <= 0) continue;
      const parts = reasons.map((r) => {
        const aht = (r.talk + r.holdP * r.hold + r.acw) * SPEED_MEAN;
        const volume = (curve.expected[i] * r.mix) / mixSum;
        return { r, aht, volume, work: volume * aht };
      });
      const volume = parts.reduce((s, p) => s + p.volume, 0);
      const work = parts.reduce((s, p) => s + p.work, 0);
      const sl = SL_TARGET[curve.group];
      const need = curve.group === 'email' ? Math.ceil(work / 900 / 0.85) : erlangRequired(volume, work / volume, sl.pct, sl.seconds);
      const shares = apportion(need, parts.map((p) => p.work));
      parts.forEach((p, k) => {
        rows.push({ siteId: curve.siteId, queueId: queueId(curve.siteId, p.r.reason), intervalStart: start, volume: round2(p.volume), ahtSeconds: Math.round(p.aht), requiredAgents: shares[k] });
      });
    }
  }
  applyOverrides(rows, overrides);
  rows.sort((a, b) => a.intervalStart - b.intervalStart || (a.queueId < b.queueId ? -1 : a.queueId > b.queueId ? 1 : 0));
  return rows;
}

/** Scenario 4: the site's rows at the interval are re-apportioned to sum to the planted need. */
function applyOverrides(rows: ForecastInterval[], overrides: ForecastOverride[]): void {
  for (const o of overrides) {
    const hit = rows.filter((r) => r.siteId === o.siteId && r.intervalStart === o.intervalStart);
    const shares = apportion(o.requiredAgents, hit.map((r) => r.volume * r.ahtSeconds));
    hit.forEach((r, k) => (r.requiredAgents = shares[k]));
  }
}

/** Largest-remainder split of an integer total by weights. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = exact.map((e, i) => ({ i, f: e - Math.floor(e) })).sort((a, b) => b.f - a.f || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i]++;
    left--;
  }
  return out;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
