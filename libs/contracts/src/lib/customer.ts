/** Customer outcomes (spec/customer.md): survey attribution, drivers, HOTLINE cases. */

export type AttributedBy = 'contactId' | 'window';

/**
 * The segment a survey response rates (customer.md "Attribution"). A matched contact with no
 * answered segment gives its last segment's queue, reason, channel and site but no agent or team.
 */
export interface SurveyAttribution {
  attributedBy: AttributedBy;
  segmentId: string;
  contactId: string;
  agentId: string | null;
  teamId: string | null;
  queueId: string;
  reason: string;
  channel: string;
  siteId: string;
}

/** The optional survey-feed columns (null when empty or absent). */
export interface SurveyExtras {
  contactId: string | null;
  comment: string | null;
  trust: number | null;
  repurchase: number | null;
  productSat: number | null;
  valueForMoney: number | null;
}

export const DRIVERS = ['consistency', 'productSat', 'valueForMoney', 'q1', 'q2', 'q3', 'q4', 'q5'] as const;
export type DriverName = (typeof DRIVERS)[number];
export const DRIVER_OUTCOMES = ['csat', 'trust', 'repurchase', 'nps'] as const;
export type DriverOutcome = (typeof DRIVER_OUTCOMES)[number];

export interface DriverRow {
  driver: DriverName;
  n: number;
  r: number | null;
  beta: number | null;
  rank: number | null;
}
export interface DriverBand {
  band: '[0,40)' | '[40,70)' | '[70,100]';
  n: number;
  outcomeMean: number | null;
  /** csat, trust, repurchase: top-box %; nps: the band's npsScore instead. */
  topBoxPct?: number | null;
  npsScore?: number | null;
}
export interface DriverGroup {
  key: string;
  consistencyResponses: number;
  consistencyIndex: number | null;
  outcomeMean: number | null;
  consistencyGapPts: number | null;
}
export interface DriversResult {
  outcome: DriverOutcome;
  scope: string;
  from: string;
  to: string;
  modelN: number;
  drivers: DriverRow[];
  bands: DriverBand[];
  groups?: DriverGroup[];
}

// --- HOTLINE cases (customer.md "HOTLINE cases") ---

export const HOTLINE_RULE_FIELDS = ['csat', 'nps', 'q1', 'q2', 'q3', 'q4', 'q5', 'trust', 'repurchase', 'productSat', 'valueForMoney', 'comment'] as const;
export type HotlineRuleField = (typeof HOTLINE_RULE_FIELDS)[number];
export const HOTLINE_RULE_OPS = ['eq', 'lte', 'gte', 'words'] as const;
export type HotlineRuleOp = (typeof HOTLINE_RULE_OPS)[number];

export interface HotlineRule {
  id: string;
  field: HotlineRuleField;
  op: HotlineRuleOp;
  /** A raw answer, 'scaleMin' (the response's own scale minimum), or for `words` a space-separated word list. */
  value: number | 'scaleMin' | string;
  needsComment: boolean;
}

export const HOTLINE_STATES = ['open', 'acknowledged', 'actioned', 'closed'] as const;
export type HotlineState = (typeof HOTLINE_STATES)[number];
export const DEFAULT_HOTLINE_CAUSE_CODES = ['agent', 'process', 'product', 'policy', 'system', 'expectation', 'no-fault'] as const;

export interface HotlineHistoryEntry {
  /** A state, or `assigned` for a re-route or reassignment. */
  to: HotlineState | 'assigned';
  by: string;
  at: string;
  note?: string;
}

export interface HotlineCase {
  id: string;
  responseId: string;
  /** Salted hash: no names stored (the survey partner maps responseId). Absent for agents. */
  customerKey?: string | null;
  respondedAt: string;
  raisedAt: string;
  rules: string[];
  csat: number | null;
  nps: number | null;
  comment: string | null;
  attribution: SurveyAttribution | null;
  assignedTo: string[];
  state: HotlineState;
  acknowledgedAt: string | null;
  actionedAt: string | null;
  closedAt: string | null;
  causeCode: string | null;
  action: string | null;
  resolution: string | null;
  history: HotlineHistoryEntry[];
}

/** customer.md's cycle-time KPIs over the cases whose response is in a window, judged at asOf. */
export interface HotlinePeriodKpis {
  /** Cases raised for the window's responses. */
  hotlineCases: number;
  hotlineOpen: number;
  ackSecondsMedian: number | null;
  closeSecondsMedian: number | null;
  closeSecondsP90: number | null;
  closedWithin48hPct: number | null;
}

/**
 * GET /api/v1/hotline/summary: the backlog a manager works from — cases not closed at asOf in
 * the scope, whatever month their response came in — beside the period's cycle KPIs (selected by
 * respondedAt in [from, to) as customer.md defines them). On the 1st of a month at 07:00 the
 * month has no cases yet, the backlog still has last month's.
 */
export interface HotlineSummary {
  scope: string;
  from: string;
  to: string;
  asOf: string;
  /** Cases whose response came by asOf, not closed at asOf, in scope and readable by the caller. */
  openNow: number;
  /** Of openNow, raised ≥ 48 h (172 800 s) before asOf. */
  overdueNow: number;
  /** raisedAt of the oldest open case, null with none open. */
  oldestOpenRaisedAt: string | null;
  period: HotlinePeriodKpis;
}

/** One agent-page feedback row (GET /api/v1/feedback). */
export interface FeedbackItem {
  respondedAt: string;
  contactId: string | null;
  channel: string | null;
  queueId: string | null;
  attributedBy: AttributedBy | null;
  csat: number | null;
  nps: number | null;
  scale: { min: number; max: number };
  comment: string | null;
  caseState: HotlineState | null;
}
