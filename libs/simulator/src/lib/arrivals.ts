import { TARGET_OCCUPANCY, type ChannelGroup, type ReasonDef, type SiteDef } from './config';
import { Rng } from './rng';
import type { AgentDay } from './schedule';
import { INTERVAL, localMinutes } from './time';

/** Expected contacts per 15-minute interval for one site and channel group (the WFM forecast). */
export interface GroupCurve {
  siteId: string;
  group: ChannelGroup;
  /** Epoch ms of interval 0. */
  origin: number;
  expected: Float64Array;
  /** Scheduled `open` agent-equivalents per interval. */
  openAgents: Float64Array;
  /** The group's reasons, handle times as drawn (WorldOptions.handleScale). */
  reasons: readonly ReasonDef[];
}

export const SPEED_MEAN = 1.03;

export function meanHandle(group: ChannelGroup, reasons: readonly ReasonDef[]): number {
  let s = 0;
  let w = 0;
  for (const r of reasons) {
    if (r.group !== group) continue;
    s += r.mix * (r.talk + r.holdP * r.hold + r.acw);
    w += r.mix;
  }
  return (s / w) * SPEED_MEAN;
}

/** E-mail arrives around the clock, mostly in business hours (local). */
function emailWeight(localMinute: number): number {
  const h = localMinute / 60;
  return h < 6 ? 0.25 : h < 9 ? 0.8 : h < 18 ? 1.6 : h < 22 ? 0.9 : 0.4;
}

/**
 * The plan sizes volume to the staff scheduled: arrivals ≈ target occupancy × open agents ×
 * 900 s / AHT, which is how a forecast-driven schedule looks once published.
 */
export function buildCurves(site: SiteDef, days: AgentDay[], origin: number, intervals: number, siteFrom: number, siteTo: number, reasons: readonly ReasonDef[]): GroupCurve[] {
  const curves: GroupCurve[] = [];
  for (const group of ['voice', 'chat', 'email'] as ChannelGroup[]) {
    const openAgents = new Float64Array(intervals);
    for (const d of days) {
      if (d.agent.siteId !== site.id || d.agent.group !== group) continue;
      for (const s of d.segments) {
        if (s.activity !== 'open') continue;
        addSpan(openAgents, origin, s.start, s.end);
      }
      // Scenario 4's training overlay takes those agents off the phones, but the plan still counts them open.
    }
    const expected = new Float64Array(intervals);
    const aht = meanHandle(group, reasons);
    if (group === 'email') {
      let total = 0;
      let weights = 0;
      const w = new Float64Array(intervals);
      for (let i = 0; i < intervals; i++) {
        total += openAgents[i];
        const at = origin + i * INTERVAL;
        w[i] = at >= siteFrom && at < siteTo ? emailWeight(localMinutes(at, site.timezone)) : 0;
        weights += w[i];
      }
      for (let i = 0; i < intervals; i++) expected[i] = weights > 0 ? (TARGET_OCCUPANCY * total * 900 * w[i]) / (aht * weights) : 0;
    } else {
      for (let i = 0; i < intervals; i++) {
        const m = localMinutes(origin + i * INTERVAL, site.timezone);
        const open = m >= site.openHour * 60 && m < site.closeHour * 60;
        expected[i] = open ? (TARGET_OCCUPANCY * openAgents[i] * 900) / aht : 0;
      }
    }
    curves.push({ siteId: site.id, group, origin, expected, openAgents, reasons: reasons.filter((r) => r.group === group) });
  }
  return curves;
}

function addSpan(arr: Float64Array, origin: number, start: number, end: number): void {
  for (let i = Math.max(0, Math.floor((start - origin) / INTERVAL)); i < arr.length; i++) {
    const a = origin + i * INTERVAL;
    const b = a + INTERVAL;
    if (a >= end) break;
    const overlap = Math.min(b, end) - Math.max(a, start);
    if (overlap > 0) arr[i] += overlap / INTERVAL;
  }
}

export interface Arrival {
  at: number;
  reason: ReasonDef;
  /** Seconds the caller is willing to wait; Infinity for e-mail. */
  patience: number;
  /** Handle components for an agent of speed 1. */
  talk: number;
  hold: number;
  acw: number;
  ring: number;
}

/** Actual arrivals: the forecast with day-to-day and interval noise (forecasts are never exact). */
export function drawArrivals(seed: number, curve: GroupCurve, volumeFactor: (at: number) => number = () => 1): Arrival[] {
  const rng = Rng.derive(seed, 'arrivals', curve.siteId, curve.group);
  const reasons = curve.reasons;
  const mixes = reasons.map((r) => r.mix);
  const out: Arrival[] = [];
  let dayFactor = 1;
  for (let i = 0; i < curve.expected.length; i++) {
    if (i % 96 === 0) dayFactor = rng.normal(1, 0.05);
    const base = curve.origin + i * INTERVAL;
    const n = rng.poisson(curve.expected[i] * dayFactor * rng.normal(1, 0.04) * volumeFactor(base));
    const times: number[] = [];
    for (let k = 0; k < n; k++) times.push(base + Math.floor(rng.next() * 900) * 1000);
    times.sort((a, b) => a - b);
    for (const at of times) {
      const r = rng.weighted(reasons, mixes);
      out.push({
        at,
        reason: r,
        patience: r.patience === null ? Infinity : Math.max(1, Math.round(rng.exponential(r.patience))),
        talk: Math.max(20, rng.logNormal(r.talk, 0.45)),
        hold: rng.chance(r.holdP) ? Math.max(5, rng.logNormal(r.hold, 0.6)) : 0,
        acw: Math.max(3, rng.logNormal(r.acw, 0.45)),
        ring: r.channel === 'voice' ? rng.int(2, 9) : 0,
      });
    }
  }
  return out;
}
