import { Injectable } from '@nestjs/common';
import type { ActivityEffectResult, ActivityEffectRow as ContractEffectRow, KpiValues, Scope } from '@floorwatch/contracts';
import {
  activityKind,
  bucketAt,
  comparisonWindows,
  dailyBenefit,
  differenceInDifferences,
  paybackDays,
  pooled,
  registerFromSchedule,
  trainingCost,
  workingDays,
  finaliseKpis,
  type KpiComponents,
  DEFAULT_HOURLY_COST,
  DEFAULT_MIN_CONTACTS,
  type DidResult,
  type KpiSide,
  type RegisterActivity,
} from '@floorwatch/kpi';
import { RecordStore } from '../database/record-store';
import { agentsOf, KpiQueryService } from '../kpi/kpi-query.service';
import type { IndexedOrg } from '../org/org-lookup';
import { readAgentDays, type AgentDays } from './effect-days';

export const EFFECT_KPIS = ['ahtSeconds', 'adherencePct', 'fcrPct', 'contactsPerProductiveHour', 'handledPerDay'] as const;
export type EffectKpi = (typeof EFFECT_KPIS)[number];
const DAY = 86_400_000;

type Win = { from: number; to: number; days: number };
interface Placed extends RegisterActivity {
  before: Win | null;
  after: Win | null;
  control: { agentId: string; before: Win | null; after: Win | null }[];
}

/** libs/contracts' row, its kpis keyed by the KPIs this service measures. */
export type ActivityEffectRow = ContractEffectRow & { kpis: Partial<Record<EffectKpi, DidResult>> };

/** The `fw kpi` components the sides are built from. */
export type EffectValues = Pick<KpiValues, 'handled' | 'ahtSeconds' | 'inAdherenceSeconds' | 'scheduledSeconds' | 'fcrEligible' | 'fcrPct' | 'productiveSeconds'>;

/** One agent's side of a KPI from `fw kpi` components (Σ numerator / Σ denominator pools). */
export function sideOf(kpi: EffectKpi, v: EffectValues, days: number): KpiSide {
  const handled = v.handled ?? 0;
  switch (kpi) {
    case 'ahtSeconds':
      return { numerator: (v.ahtSeconds ?? 0) * handled, denominator: handled, contacts: handled };
    case 'adherencePct':
      return { numerator: v.inAdherenceSeconds ?? 0, denominator: v.scheduledSeconds ?? 0 };
    case 'fcrPct': {
      const eligible = v.fcrEligible ?? 0;
      return { numerator: ((v.fcrPct ?? 0) / 100) * eligible, denominator: eligible, contacts: eligible };
    }
    case 'contactsPerProductiveHour':
      return { numerator: handled, denominator: (v.productiveSeconds ?? 0) / 3600 };
    case 'handledPerDay':
      return { numerator: handled, denominator: days };
  }
}
const SCALE: Record<EffectKpi, number> = { ahtSeconds: 1, adherencePct: 100, fcrPct: 100, contactsPerProductiveHour: 1, handledPerDay: 1 };

/** The training and coaching register and its before/after with control group (spec/action.md). */
@Injectable()
export class ActivityEffectService {
  constructor(
    private readonly store: RecordStore,
    private readonly kpis: KpiQueryService,
  ) {}

  /** Off: the per-agent KPI queries (the reference the grouped rollup reads are tested against). */
  groupedReads = true;
  /** Which path read the last effect's days (tests check the grouped reads were really used). */
  lastRead: 'grouped' | 'per-agent' | null = null;

  /** Activities of the scope's agents starting in [from, to), with their comparison windows. */
  async register(scope: Scope, from: number, to: number, org: IndexedOrg, days = 10): Promise<Placed[]> {
    const agentIds = agentsOf(scope, org) ?? org.org.agents.map((a) => a.id);
    const teams = new Set(agentIds.map((a) => org.teamOfAgent(a)).filter((t): t is string => !!t));
    const mates = org.org.agents.filter((a) => a.teamId && teams.has(a.teamId)).map((a) => a.id);
    const margin = (days * 2 + 14) * DAY;
    const segs = mates.length ? await this.store.loadScheduleSegments(mates, from - margin, to + margin) : [];
    const byAgent = new Map<string, typeof segs>();
    for (const s of segs) (byAgent.get(s.agentId) ?? byAgent.set(s.agentId, []).get(s.agentId))?.push(s);
    const tzOf = (a: string) => org.timezoneOfSite(org.siteOfAgent(a) ?? 'unassigned');
    const regs = new Map(mates.map((a) => [a, registerFromSchedule(a, byAgent.get(a) ?? [], tzOf(a))]));
    const messages: { to_scope: string; created_at: Date; id: string }[] = await this.store.query(
      `SELECT id, to_scope, created_at FROM messages WHERE kind = 'coaching' AND to_scope = ANY($1::text[]) AND created_at >= $2 AND created_at < $3`,
      [agentIds.map((a) => `agent:${a}`), new Date(from), new Date(to)],
    );
    // Each agent's working days once (a local-day bucket per segment), not per activity × control agent.
    const worked = new Map<string, string[]>();
    const workedOf = (a: string): string[] => worked.get(a) ?? (worked.set(a, workingDays(byAgent.get(a) ?? [], tzOf(a))).get(a) as string[]);
    const out: Placed[] = [];
    const place = (act: RegisterActivity): void => {
      const tz = tzOf(act.agentId);
      const w = comparisonWindows(act.start, act.end, workedOf(act.agentId), days, tz);
      const span = { from: w.before?.from ?? act.start, to: w.after?.to ?? act.end };
      const kind = act.kind;
      const mate = org.teamOfAgent(act.agentId);
      const control = mates
        .filter((m) => m !== act.agentId && org.teamOfAgent(m) === mate)
        .filter((m) => !(regs.get(m) ?? []).some((r) => r.kind === kind && r.end > span.from && r.start < span.to))
        .map((m) => {
          const mw = workedOf(m);
          // Control agents count with whatever working days they have in the trainee's windows.
          const count = (x: Win | null) => {
            if (!x) return 0;
            const [first, last] = [bucketAt(x.from, 'day', tzOf(m)).key, bucketAt(x.to - 1, 'day', tzOf(m)).key];
            return mw.filter((d) => d >= first && d <= last).length;
          };
          return { agentId: m, before: w.before ? { ...w.before, days: count(w.before) } : null, after: w.after ? { ...w.after, days: count(w.after) } : null };
        });
      // A trainee with fewer than W working days before has no before (spec).
      out.push({ ...act, before: w.before && w.before.days >= days ? w.before : null, after: w.after, control });
    };
    for (const a of agentIds) for (const act of regs.get(a) ?? []) if (act.start >= from && act.start < to) place(act);
    for (const m of messages) {
      const agentId = m.to_scope.slice('agent:'.length);
      const at = new Date(m.created_at).getTime();
      place({ id: `message:${m.id}`, kind: 'coaching', name: 'coaching', agentId, start: at, end: at + 1, paidSeconds: 0, source: 'message' });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  async effect(
    scope: Scope,
    from: number,
    to: number,
    org: IndexedOrg,
    opts: { by: 'agent' | 'name'; days: number; kpis: readonly EffectKpi[]; asOf?: number },
  ): Promise<ActivityEffectResult & { rows: ActivityEffectRow[] }> {
    const asOf = opts.asOf ?? (await this.store.latestEventTime()) ?? to;
    const acts = (await this.register(scope, from, to, org, opts.days)).filter((a) => activityKind(a.name) !== null);
    const values = await this.dailyValues(acts, asOf, org);
    const groups = new Map<string, Placed[]>();
    for (const a of acts) {
      const key = opts.by === 'agent' ? a.agentId : a.name;
      (groups.get(key) ?? groups.set(key, []).get(key))?.push(a);
    }
    const rows: ActivityEffectRow[] = [];
    for (const [key, all] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      // A row measures its activities whose after window is over (before, after, control, cost
      // and benefit of the same ones); it is pending only while none is. Otherwise a course or
      // coaching booked today or ahead would blank every row of a window reaching to today.
      // An after window of fewer than W working days (the rest not scheduled yet) has not ended.
      const done = all.filter((a) => a.after && a.after.days >= opts.days && asOf >= a.after.to);
      const pending = done.length === 0;
      const list = pending ? all : done;
      const paid = list.reduce((s, a) => s + a.paidSeconds, 0);
      const cost = trainingCost(paid, DEFAULT_HOURLY_COST);
      const kpis: Partial<Record<EffectKpi, DidResult>> = {};
      const controlSeen = new Set<string>();
      let afterHandled = 0;
      const sides = { b: new Map<EffectKpi, KpiSide[]>(), a: new Map<EffectKpi, KpiSide[]>(), cb: new Map<EffectKpi, KpiSide[]>(), ca: new Map<EffectKpi, KpiSide[]>() };
      const push = (m: Map<EffectKpi, KpiSide[]>, k: EffectKpi, s: KpiSide) => (m.get(k) ?? m.set(k, []).get(k))?.push(s);
      for (const a of list) {
        const [vb, va] = [values(a.agentId, a.before), a.after && asOf >= a.after.to ? values(a.agentId, a.after) : null];
        if (va) afterHandled += va.handled ?? 0;
        for (const k of opts.kpis) {
          if (vb && a.before) push(sides.b, k, sideOf(k, vb, a.before.days));
          if (va && a.after) push(sides.a, k, sideOf(k, va, a.after.days));
        }
        for (const c of a.control) {
          const ck = `${c.agentId}|${c.before?.from}|${c.after?.from}`;
          if (controlSeen.has(ck)) continue;
          controlSeen.add(ck);
          const [cb, ca] = [values(c.agentId, c.before), c.after && asOf >= c.after.to ? values(c.agentId, c.after) : null];
          for (const k of opts.kpis) {
            if (cb && c.before) push(sides.cb, k, sideOf(k, cb, c.before.days));
            if (ca && c.after) push(sides.ca, k, sideOf(k, ca, c.after.days));
          }
        }
      }
      const pool = (m: Map<EffectKpi, KpiSide[]>, k: EffectKpi) => (m.get(k)?.length ? pooled(m.get(k) ?? [], SCALE[k], DEFAULT_MIN_CONTACTS) : null);
      for (const k of opts.kpis) kpis[k] = differenceInDifferences(pool(sides.b, k), pending ? null : pool(sides.a, k), pool(sides.cb, k), pending ? null : pool(sides.ca, k));
      const benefit = pending ? null : dailyBenefit(kpis.ahtSeconds?.did ?? null, afterHandled, opts.days, DEFAULT_HOURLY_COST);
      const agents = new Set(list.map((a) => a.agentId)).size;
      const controlAgents = new Set(list.flatMap((a) => a.control.map((c) => c.agentId))).size;
      rows.push({ key, agents, controlAgents, paidSeconds: paid, trainingCost: cost, dailyBenefit: benefit, paybackDays: paybackDays(cost, benefit), pending, kpis });
    }
    const iso = (t: number) => new Date(t).toISOString();
    return { scope: scope.kind === 'enterprise' ? 'enterprise' : `${scope.kind}:${scope.id}`, from: iso(from), to: iso(to), asOf: iso(asOf), by: opts.by, rows };
  }

  /**
   * Every window is whole local days of one agent, so each agent's days over the span of all its
   * windows give every side by summing days. Read as agent × day sums of the rollups for every
   * agent at once (effect-days.ts); `groupedReads = false` keeps the former path, a `by: day`
   * KPI query per agent (KpiQueryService.components), which the grouped one is tested against.
   * tools/bench/src/effect-ab.ts (London, 30 agents, 61 days, PGlite, interleaved on a shared
   * machine): the whole call 2.3–2.6 s → 1.2–1.7 s wall (median), 1.2 s → 0.40–0.46 s CPU; the
   * day reads themselves ≈ 0.2 s; most of the rest is the register (schedule read, working days).
   */
  private async dailyValues(acts: Placed[], asOf: number, org: IndexedOrg): Promise<(agentId: string, w: Win | null) => EffectValues | null> {
    const spans = new Map<string, { from: number; to: number }>();
    const widen = (agentId: string, w: Win | null) => {
      if (!w) return;
      const s = spans.get(agentId);
      spans.set(agentId, s ? { from: Math.min(s.from, w.from), to: Math.max(s.to, w.to) } : { from: w.from, to: w.to });
    };
    for (const a of acts) {
      widen(a.agentId, a.before);
      if (a.after && asOf >= a.after.to) widen(a.agentId, a.after);
      for (const c of a.control) {
        widen(c.agentId, c.before);
        if (c.after && asOf >= c.after.to) widen(c.agentId, c.after);
      }
    }
    const tzOf = (a: string) => org.timezoneOfSite(org.siteOfAgent(a) ?? 'unassigned');
    const grouped = this.groupedReads
      ? await readAgentDays(this.store, this.kpis, org, [...spans].map(([agentId, s]) => ({ agentId, tz: tzOf(agentId), ...s })), asOf)
      : null;
    this.lastRead = grouped ? 'grouped' : 'per-agent';
    const days = grouped ? finaliseDays(grouped, this.kpis.config.minContacts) : await this.perAgentDays(spans, asOf, tzOf);
    return (agentId, w) => {
      if (!w) return null;
      const tz = tzOf(agentId);
      const first = bucketAt(w.from, 'day', tz).key;
      const last = bucketAt(w.to - 1, 'day', tz).key;
      const rows = (days.get(agentId) ?? []).filter((d) => d.key >= first && d.key <= last).map((d) => d.v);
      return rows.length ? sumDays(rows) : null;
    };
  }

  /** The reference path: one `by: day` query per agent over its span (the contact and workforce rows only). */
  private async perAgentDays(spans: Map<string, { from: number; to: number }>, asOf: number, tzOf: (a: string) => string): Promise<Map<string, DayValues[]>> {
    const days = new Map<string, DayValues[]>();
    const ids = [...spans.keys()];
    // A few at a time: each is a rollup read; the pool has a handful of connections.
    for (let i = 0; i < ids.length; i += 4) {
      await Promise.all(
        ids.slice(i, i + 4).map(async (agentId) => {
          const span = spans.get(agentId) as { from: number; to: number };
          const rows = await this.kpis.components({ scope: { kind: 'agent', id: agentId }, from: span.from, to: span.to, asOf, by: 'day', tz: tzOf(agentId) });
          days.set(agentId, rows.map((row) => ({ key: row.key, v: row.kpis })));
        }),
      );
    }
    return days;
  }
}

type DayValues = { key: string; v: EffectValues };

/** Each day's components finalised as a `by: day` KPI row finalises them, in key order (the order sumDays adds them). */
function finaliseDays(grouped: AgentDays, minContacts: number): Map<string, DayValues[]> {
  const out = new Map<string, DayValues[]>();
  for (const [agentId, days] of grouped) {
    const keys = [...days.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    out.set(agentId, keys.map((key) => ({ key, v: finaliseKpis(days.get(key) as KpiComponents, { minContacts }) })));
  }
  return out;
}

/** The components sideOf reads, summed over days (AHT and FCR back to ratios of the sums). */
export function sumDays(rows: EffectValues[]): EffectValues {
  let handled = 0;
  let handle = 0;
  let inAdh = 0;
  let sched = 0;
  let eligible = 0;
  let fcrOk = 0;
  let productive = 0;
  for (const v of rows) {
    const h = v.handled ?? 0;
    handled += h;
    handle += (v.ahtSeconds ?? 0) * h;
    inAdh += v.inAdherenceSeconds ?? 0;
    sched += v.scheduledSeconds ?? 0;
    const e = v.fcrEligible ?? 0;
    eligible += e;
    fcrOk += ((v.fcrPct ?? 0) / 100) * e;
    productive += v.productiveSeconds ?? 0;
  }
  return {
    handled,
    ahtSeconds: handled > 0 ? handle / handled : null,
    inAdherenceSeconds: inAdh,
    scheduledSeconds: sched,
    fcrEligible: eligible,
    fcrPct: eligible > 0 ? (100 * fcrOk) / eligible : null,
    productiveSeconds: productive,
  };
}
