import type { HotlinePeriodKpis, HotlineRule, HotlineState, SurveyResponse } from '@floorwatch/contracts';

export const DEFAULT_HOTLINE_RULES: readonly HotlineRule[] = [
  { id: 'csat-min', field: 'csat', op: 'eq', value: 'scaleMin', needsComment: false },
  { id: 'detractor-comment', field: 'nps', op: 'lte', value: 6, needsComment: true },
];

function rawValue(s: SurveyResponse, field: HotlineRule['field']): number | string | null {
  switch (field) {
    case 'csat': return s.csat;
    case 'nps': return s.nps;
    case 'comment': return s.comment ?? null;
    case 'trust': case 'repurchase': case 'productSat': case 'valueForMoney': return s[field] ?? null;
    default: return s.items[Number(field[1]) - 1];
  }
}

const words = (text: string): Set<string> => new Set(text.toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter(Boolean));

/** Does one rule match? Raw values on the response's scale; `scaleMin` is its own minimum; `words` whole words, case-insensitive. */
export function ruleMatches(rule: HotlineRule, s: SurveyResponse): boolean {
  const comment = s.comment ?? null;
  if (rule.needsComment && (comment === null || comment.trim() === '')) return false;
  const v = rawValue(s, rule.field);
  if (v === null) return false;
  if (rule.op === 'words') {
    const have = words(String(v));
    return String(rule.value).toLowerCase().split(/\s+/).filter(Boolean).some((w) => have.has(w));
  }
  if (typeof v !== 'number') return false;
  const target = rule.value === 'scaleMin' ? s.scaleMin : Number(rule.value);
  if (!Number.isFinite(target)) return false;
  return rule.op === 'eq' ? v === target : rule.op === 'lte' ? v <= target : v >= target;
}

/** Ids of the rules a response matches, in rule order (empty: no case). */
export function matchHotlineRules(s: SurveyResponse, rules: readonly HotlineRule[] = DEFAULT_HOTLINE_RULES): string[] {
  return rules.filter((r) => ruleMatches(r, s)).map((r) => r.id);
}

const NEXT: Record<HotlineState, HotlineState | null> = { open: 'acknowledged', acknowledged: 'actioned', actioned: 'closed', closed: null };

export interface TransitionInput {
  to: HotlineState;
  action?: string | null;
  causeCode?: string | null;
  resolution?: string | null;
}

/** Strictly open → acknowledged → actioned (needs action) → closed (needs resolution and a cause code); null = allowed. */
export function transitionError(from: HotlineState, t: TransitionInput, causeCodes: readonly string[]): string | null {
  if (NEXT[from] !== t.to) return from === 'closed' ? 'a closed case cannot be reopened or changed' : `a case in state ${from} can only move to ${NEXT[from]}, not ${t.to}`;
  if (t.to === 'actioned' && !t.action?.trim()) return 'actioned needs an action';
  if (t.to === 'closed') {
    if (!t.resolution?.trim()) return 'closed needs a resolution';
    if (!t.causeCode || !causeCodes.includes(t.causeCode)) return `closed needs a causeCode of ${causeCodes.join('|')}`;
  }
  return null;
}

export interface CaseTimes {
  raisedAt: number;
  acknowledgedAt: number | null;
  closedAt: number | null;
}

/** customer.md's cycle-time KPIs: the contracts' shape, which the API's HOTLINE summary returns. */
export type HotlineKpis = HotlinePeriodKpis;

export const HOTLINE_TARGET_SECONDS = 172_800;

/** Even n: mean of the two middle values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Nearest rank ⌈p·n⌉. */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  return v[Math.max(1, Math.ceil(p * v.length)) - 1];
}

/**
 * Cycle-time KPIs of the cases given (the caller selects them by their response's respondedAt and
 * scope), judged at asOf: a step after asOf has not happened yet.
 */
export function hotlineKpis(cases: readonly CaseTimes[], asOf: number): HotlineKpis {
  const ack: number[] = [];
  const close: number[] = [];
  let open = 0;
  let within = 0;
  let due = 0;
  for (const c of cases) {
    const closed = c.closedAt !== null && c.closedAt <= asOf;
    if (!closed) open++;
    if (c.acknowledgedAt !== null && c.acknowledgedAt <= asOf) ack.push((c.acknowledgedAt - c.raisedAt) / 1000);
    if (closed) close.push(((c.closedAt as number) - c.raisedAt) / 1000);
    if (closed && ((c.closedAt as number) - c.raisedAt) / 1000 <= HOTLINE_TARGET_SECONDS) {
      within++;
      due++;
    } else if (c.raisedAt + HOTLINE_TARGET_SECONDS * 1000 <= asOf) due++;
  }
  return {
    hotlineCases: cases.length,
    hotlineOpen: open,
    ackSecondsMedian: median(ack),
    closeSecondsMedian: median(close),
    closeSecondsP90: nearestRank(close, 0.9),
    closedWithin48hPct: due > 0 ? (100 * within) / due : null,
  };
}
