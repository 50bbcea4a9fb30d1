import type { AgentStateEvent, Contact, ForecastInterval, Org, OrgAgent, OrgQueue, OrgSite, OrgTeam, Scope, ScheduleSegment, SurveyResponse } from '@floorwatch/contracts';
import type { DataSource, QueryRunner } from 'typeorm';
import {
  CONTACT_SELECT,
  ms,
  QUARANTINE_COLUMNS,
  SCOPE_COLUMN,
  SURVEY_SELECT,
  toContact,
  toStateEvent,
  toSurvey,
  toTimestamp,
  type ContactRowRaw,
  type StateRowRaw,
  type SurveyRowRaw,
} from './record-sql';
import type { StoredQuarantine } from './record-types';

/** settings key: the latest contact end or state change written (epoch ms), see raiseSetting. */
export const LATEST_EVENT_KEY = 'ingest.latestEventTime';
/** settings key: the longest enqueue-to-end span of any contact written (ms), see maxContactSpan. */
export const MAX_CONTACT_SPAN_KEY = 'ingest.maxContactSpanMs';

/** loadContactsByCustomer: above this many keys, scan the window instead of matching keys. */
const CUSTOMER_KEYS_PER_QUERY = 10_000;

/**
 * The read side of RecordStore: raw SQL on the bound runner or the pool, the settings and feed
 * state both sides keep, and typed reads of the normalised records in epoch ms (the KPI service,
 * staffing, live state). RecordStore adds the writes and transactions.
 */
export class RecordReader {
  constructor(
    readonly dataSource: DataSource,
    /** When set, every statement runs on this runner (inside its transaction). */
    readonly runner?: QueryRunner,
  ) {}

  /** Raw SQL on the bound runner or the pool. */
  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (this.runner ? this.runner.query(sql, params) : this.dataSource.query(sql, params)) as Promise<T[]>;
  }

  // ---------------------------------------------------------------- settings and feed state

  async getFeedState<T>(key: string): Promise<T | null> {
    const rows = await this.query<{ state: T }>('SELECT state FROM feed_state WHERE key = $1', [key]);
    return rows.length ? rows[0].state : null;
  }

  async setFeedState(key: string, state: unknown): Promise<void> {
    await this.query(
      `INSERT INTO feed_state (key, state, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = now()`,
      [key, JSON.stringify(state)],
    );
  }

  async getSetting<T>(key: string): Promise<T | null> {
    const rows = await this.query<{ value: T }>('SELECT value FROM settings WHERE key = $1', [key]);
    return rows.length ? rows[0].value : null;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    await this.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  }

  /**
   * Raises a numeric setting to `value` (never lowers it), in the writer's transaction. Used for
   * LATEST_EVENT_KEY (every KPI query's default asOf) and MAX_CONTACT_SPAN_KEY (the lower bound
   * that lets contact reads by end time skip old day partitions): max() over the raw tables cannot
   * be pruned, and with one partition a day on PostgreSQL its planning alone took ~100 ms at 90 days.
   */
  protected async raiseSetting(key: string, value: number): Promise<void> {
    if (!Number.isFinite(value)) return;
    await this.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, to_jsonb($2::float8), now())
       ON CONFLICT (key) DO UPDATE SET value = to_jsonb($2::float8), updated_at = now()
       WHERE (settings.value #>> '{}')::float8 < $2::float8`,
      [key, value],
    );
  }

  /**
   * The longest enqueue-to-end span of any stored contact (ms): a contact ending in [from, to)
   * entered its queue at or after from − this, so reads by end time can bound enqueued_at (the
   * partition key) and skip older day partitions without losing a long e-mail.
   */
  async maxContactSpan(): Promise<number> {
    const kept = await this.getSetting<number>(MAX_CONTACT_SPAN_KEY);
    if (kept !== null) return kept;
    // A database written before the setting existed: scan once, then keep it.
    const rows = await this.query<{ span: number | null }>(`SELECT (extract(epoch from max(ended_at - enqueued_at)) * 1000)::float8 AS span FROM contacts`);
    const span = Math.max(0, rows[0]?.span ?? 0);
    if (rows[0]?.span !== null && rows[0]?.span !== undefined) await this.raiseSetting(MAX_CONTACT_SPAN_KEY, span);
    return span;
  }

  // ---------------------------------------------------------------- reads


  /**
   * Contacts of a scope that entered a queue OR ended in [from, to) (the caller counts each KPI
   * by its own timestamp), ordered by enqueuedAt.
   */
  async loadContacts(scope: Scope, from: number, to: number): Promise<Contact[]> {
    const params: unknown[] = [toTimestamp(from), toTimestamp(to), toTimestamp(from - (await this.maxContactSpan()))];
    // The last two terms change no result (a contact ends within maxContactSpan of its enqueue, and
    // not before it): they let PostgreSQL prune the day partitions on both sides.
    let where = '((enqueued_at >= $1 AND enqueued_at < $2) OR (ended_at >= $1 AND ended_at < $2)) AND enqueued_at >= $3 AND enqueued_at < $2';
    if (scope.kind !== 'enterprise') {
      params.push(scope.id);
      where += ` AND ${SCOPE_COLUMN[scope.kind]} = $4`;
    }
    const rows = await this.query<ContactRowRaw>(`${CONTACT_SELECT} WHERE ${where} ORDER BY enqueued_at, contact_id, segment_id`, params);
    return rows.map(toContact);
  }

  /**
   * FCR look-ahead: contacts of these customers with enqueuedAt in (after, until], any scope,
   * ordered by customer then time. Up to CUSTOMER_KEYS_PER_QUERY keys: one semi-join to the
   * unnested array. More: the window's contacts with a customer, filtered here — one pass instead
   * of `customer_key = ANY($1)` with a huge array, which over day partitions gave every partition
   * its own copy of the array and of its hash table: with the million keys of a 90-day raw query
   * one PostgreSQL backend grew to 20 GB and was OOM-killed (bench, 1 000 agents × 90 days).
   */
  async loadContactsByCustomer(customerKeys: readonly string[], after: number, until: number, maxKeys = CUSTOMER_KEYS_PER_QUERY): Promise<Contact[]> {
    if (customerKeys.length === 0) return [];
    const few = customerKeys.length <= maxKeys;
    const params: unknown[] = [toTimestamp(after), toTimestamp(until)];
    const byKey = few ? `customer_key IN (SELECT unnest($${params.push(customerKeys)}::text[]))` : 'customer_key IS NOT NULL';
    const rows = await this.query<ContactRowRaw>(
      `${CONTACT_SELECT} WHERE ${byKey} AND enqueued_at > $1 AND enqueued_at <= $2 ORDER BY customer_key, enqueued_at`,
      params,
    );
    if (few) return rows.map(toContact);
    const wanted = new Set(customerKeys);
    const out: Contact[] = [];
    for (const r of rows) if (wanted.has(r.customerKey as string)) out.push(toContact(r));
    return out;
  }

  /**
   * State events of these agents (null = every agent) with at in [from − lookbackMs, to), plus
   * each agent's last event before that start (the state they were already in). Ordered by
   * agent, time, then seq.
   */
  async loadStateEvents(agentIds: readonly string[] | null, from: number, to: number, lookbackMs = 0): Promise<AgentStateEvent[]> {
    const start = toTimestamp(from - lookbackMs);
    const agentFilter = agentIds ? 'agent_id = ANY($3::text[])' : 'TRUE';
    const agentSource = agentIds ? 'SELECT unnest($3::text[]) AS agent_id' : 'SELECT DISTINCT agent_id FROM agent_state_events WHERE at < $1';
    const params: unknown[] = [start, toTimestamp(to)];
    if (agentIds) params.push(agentIds);
    const rows = await this.query<StateRowRaw & { seq: number }>(
      `SELECT "agentId", "at", state, seq FROM (
         SELECT agent_id AS "agentId", ${ms('at', 'at')}, state, seq FROM agent_state_events
          WHERE ${agentFilter} AND at >= $1 AND at < $2
         UNION ALL
         SELECT prev.agent_id, ${ms('prev.at', 'at')}, prev.state, prev.seq
           FROM (${agentSource}) a
           CROSS JOIN LATERAL (
             SELECT agent_id, at, state, seq FROM agent_state_events e
              WHERE e.agent_id = a.agent_id AND e.at < $1 ORDER BY e.at DESC, e.seq DESC LIMIT 1) prev
       ) x ORDER BY "agentId", "at", seq`,
      params,
    );
    return rows.map(toStateEvent);
  }

  /**
   * Segments overlapping [from, to) (start < to and end > from), by agent then start. The
   * longest segment L (schedule_segments_length_idx) gives the lower bound start > from − L,
   * so the index range is one window, not the agent's whole history.
   */
  async loadScheduleSegments(agentIds: readonly string[] | null, from: number, to: number): Promise<ScheduleSegment[]> {
    const params: unknown[] = [toTimestamp(from), toTimestamp(to)];
    if (agentIds) params.push(agentIds);
    return this.query<ScheduleSegment>(
      `SELECT agent_id AS "agentId", ${ms('start_at', 'start')}, ${ms('end_at', 'end')}, activity FROM schedule_segments
        WHERE start_at < $2 AND end_at > $1
          AND start_at > $1::timestamptz - (SELECT COALESCE(max(end_at - start_at), interval '0') FROM schedule_segments)
          ${agentIds ? 'AND agent_id = ANY($3::text[])' : ''}
        ORDER BY agent_id, start_at, activity`,
      params,
    );
  }

  /** Forecast intervals starting in [from, to) for a site (null = all sites), optionally one queue. */
  async loadForecasts(siteId: string | null, from: number, to: number, queueId?: string): Promise<ForecastInterval[]> {
    const params: unknown[] = [toTimestamp(from), toTimestamp(to)];
    let where = 'interval_start >= $1 AND interval_start < $2';
    if (siteId) where += ` AND site_id = $${params.push(siteId)}`;
    if (queueId) where += ` AND queue_id = $${params.push(queueId)}`;
    return this.query<ForecastInterval>(
      `SELECT site_id AS "siteId", queue_id AS "queueId", ${ms('interval_start', 'intervalStart')}, volume,
              aht_seconds AS "ahtSeconds", required_agents AS "requiredAgents"
         FROM forecast_intervals WHERE ${where} ORDER BY site_id, queue_id, interval_start`,
      params,
    );
  }

  async loadSurveys(from: number, to: number): Promise<SurveyResponse[]> {
    const rows = await this.query<SurveyRowRaw>(`${SURVEY_SELECT} WHERE responded_at >= $1 AND responded_at < $2 ORDER BY responded_at, natural_key`, [
      toTimestamp(from),
      toTimestamp(to),
    ]);
    return rows.map(toSurvey);
  }

  async loadOrg(): Promise<Org> {
    const sites = await this.query<OrgSite>('SELECT id, name, timezone FROM sites ORDER BY id');
    const teams = await this.query<OrgTeam>('SELECT id, name, site_id AS "siteId", leader_user_id AS "leaderUserId" FROM teams ORDER BY id');
    const agents = await this.query<OrgAgent>(
      `SELECT a.id, a.name, a.team_id AS "teamId", a.site_id AS "siteId",
              COALESCE(array_agg(al.alias ORDER BY al.alias) FILTER (WHERE al.alias IS NOT NULL), '{}') AS aliases
         FROM agents a LEFT JOIN agent_aliases al ON al.agent_id = a.id GROUP BY a.id ORDER BY a.id`,
    );
    const queues = await this.query<OrgQueue>(
      `SELECT q.id, q.name, q.channel, q.site_id AS "siteId", q.sl_seconds AS "slSeconds",
              COALESCE(array_agg(al.alias ORDER BY al.alias) FILTER (WHERE al.alias IS NOT NULL), '{}') AS aliases
         FROM queues q LEFT JOIN queue_aliases al ON al.queue_id = q.id GROUP BY q.id ORDER BY q.id`,
    );
    return { sites, teams, agents, queues };
  }

  /** Quarantined lines not yet resolved (a resolved one must not use up the limit). */
  async loadQuarantine(options: { source?: string; limit?: number } = {}): Promise<StoredQuarantine[]> {
    const params: unknown[] = [options.limit ?? 1000];
    const where = `WHERE resolved_at IS NULL${options.source ? ` AND source = $${params.push(options.source)}` : ''}`;
    return this.query<StoredQuarantine>(
      `SELECT ${QUARANTINE_COLUMNS} FROM quarantine ${where} ORDER BY source, line_number, created_at LIMIT $1`,
      params,
    );
  }

  /** Latest event time ingested (contact end or state change), the default `asOf`; null when empty. */
  async latestEventTime(): Promise<number | null> {
    const kept = await this.getSetting<number>(LATEST_EVENT_KEY);
    if (kept !== null) return kept;
    // A database written before the setting existed (or empty): scan once, then keep it.
    const rows = await this.query<{ t: number | null }>(
      `SELECT (extract(epoch from GREATEST((SELECT max(ended_at) FROM contacts), (SELECT max(at) FROM agent_state_events))) * 1000)::float8 AS t`,
    );
    const t = rows[0]?.t ?? null;
    if (t !== null) await this.raiseSetting(LATEST_EVENT_KEY, t);
    return t;
  }
}
