import type { AgentState, Contact, FeedFormat, Org, SelfServiceSession } from '@floorwatch/contracts';

/** One unit the parser judges: a text line, a JSON array element, or a whole org document. */
export interface FeedUnit {
  /** 1-based line number; for a JSON value, the line it starts on. */
  lineNumber: number;
  text: string;
  /** Set by the readers when a line exceeded `maxLineLength` and `text` holds only its start. */
  truncated?: boolean;
  /** JSON feeds: byte offset in the file where the value starts (lineNumber is its starting line). */
  byteOffset?: number;
  /** JSON feeds: the parsed value (`text` is then its canonical JSON text), so parsers need not parse again. */
  value?: unknown;
  /** JSON feeds: the reader found no valid value here; the unit is quarantined with this reason. */
  invalid?: { reason: string; detail: string };
}

/**
 * A Contact before org mapping: raw agent/queue references instead of ids, raw customer
 * identifier (hashed at ingest), and a natural key for idempotent upserts.
 */
export interface FeedContact
  extends Omit<Contact, 'queueId' | 'reason' | 'agentId' | 'customerKey' | 'siteId' | 'teamId'> {
  kind: 'contact';
  /** Stable per source: `ql:<callid>:<segment>`, `ctr:<ContactId>`, `nd:<contactId>:<segmentId>`. */
  naturalKey: string;
  /** Epoch ms of the source's own revision (CTR LastUpdateTimestamp): the latest copy wins. Null when the source has no revisions. */
  lastUpdatedAt: number | null;
  queueRef: string;
  /** Call type / campaign; null = "defaults to the queue" (ingest sets the mapped queue id). */
  reason: string | null;
  agentRef: string | null;
  customerRef: string | null;
}

export interface FeedStateEvent {
  kind: 'state';
  agentRef: string;
  at: number;
  state: AgentState;
}

export interface FeedScheduleSegment {
  kind: 'schedule';
  agentRef: string;
  start: number;
  end: number;
  activity: string;
}

export interface FeedForecast {
  kind: 'forecast';
  siteRef: string;
  queueRef: string;
  intervalStart: number;
  volume: number;
  ahtSeconds: number;
  requiredAgents: number | null;
}

export interface FeedSurvey {
  kind: 'survey';
  customerRef: string | null;
  respondedAt: number;
  mainChannel: string;
  channelChain: string;
  items: [number | null, number | null, number | null, number | null, number | null];
  csat: number | null;
  nps: number | null;
  scaleMin: number;
  scaleMax: number;
  /** customer.md optional columns; null when empty or absent. */
  contactId?: string | null;
  comment?: string | null;
  trust?: number | null;
  repurchase?: number | null;
  productSat?: number | null;
  valueForMoney?: number | null;
}

export interface FeedOrg {
  kind: 'org';
  org: Org;
}

/**
 * selfservice.md §2: a session before mapping (raw customer and entry point). `version` orders the
 * copies of one sessionId (latest wins; null lowest), `line` breaks ties (greater wins).
 */
export interface FeedSession extends Omit<SelfServiceSession, 'customerKey' | 'siteId'> {
  kind: 'session';
  customerRef: string | null;
  version: number | null;
  line: number;
  /** Connect, not queued and no agent: a CALLBACK CTR naming it (FeedSessionLink) makes it transferred. */
  linkable: boolean;
}

/** A Connect CALLBACK CTR naming `ctr:<PreviousContactId>`: applied at read time, so arrival order is free. */
export interface FeedSessionLink {
  kind: 'session-link';
  sessionId: string;
  contactId: string;
}

export type FeedRecord = FeedContact | FeedStateEvent | FeedScheduleSegment | FeedForecast | FeedSurvey | FeedOrg | FeedSession | FeedSessionLink;

export type LineStatus = 'accepted' | 'quarantined' | 'duplicate';

/** Exactly one per unit read, so accepted + duplicates + quarantined = read by construction. */
export interface LineOutcome {
  lineNumber: number;
  raw: string;
  status: LineStatus;
  /** Stable reason code when quarantined (`bad-timestamp`, `missing-field:ContactId`...). */
  reason?: string;
  /** Human-readable explanation of the reason. */
  detail?: string;
  /**
   * Records completed by this unit. A stateful parser may emit a record on a later line than
   * the one that started it (queue_log contacts are emitted when their wrap-up is known).
   */
  records: FeedRecord[];
}

export interface ParserOptions {
  /** queue_log PAUSE reasons that mean after-call work (case-insensitive). Default ACW, Wrapup, wrap-up. */
  acwReasons?: string[];
  /** wfm-schedule activities accepted besides the kpis.md defaults. */
  extraActivities?: string[];
  /** queue_log: a call without a linked acw is emitted once the feed is this far past its end. Default 60. */
  acwLookaheadSeconds?: number;
}

export interface FeedParser {
  readonly format: FeedFormat;
  /** Judge one unit. Never throws for bad input: bad input is a quarantined outcome. */
  push(unit: FeedUnit): LineOutcome;
  /**
   * No more input will come for this source: returns records still held back (queue_log contacts
   * waiting to see whether wrap-up follows). Do not call between two files of a continuing source:
   * call exportState() instead, so the next file can complete them.
   */
  end(): FeedRecord[];
  /** JSON text of the parser's carry-over state (open calls, agent states); '{}' for stateless formats. */
  exportState(): string;
  /** Restore what exportState() returned. Throws a clear Error on an unreadable state. */
  importState(json: string): void;
}
