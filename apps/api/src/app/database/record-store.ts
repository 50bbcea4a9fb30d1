import type {
  AgentStateEvent,
  Contact,
  ForecastInterval,
  Org,
  OrgAgent,
  OrgQueue,
  OrgSite,
  OrgTeam,
  Scope,
  ScheduleSegment,
  SurveyResponse,
} from '@floorwatch/contracts';
import type { DataSource, QueryRunner } from 'typeorm';
import { BulkWriter, type Row } from './bulk-writer';
import type { DatabaseHandle } from './open-database';
import {
  CONTACT_COLUMNS,
  CONTACT_SELECT,
  ms,
  QUARANTINE_COLUMNS,
  SCOPE_COLUMN,
  STATE_SELECT,
  SURVEY_SELECT,
  toContact,
  toStateEvent,
  toSurvey,
  toTimestamp,
  toTimestampOrNull,
  type ContactRowRaw,
  type StateRowRaw,
  type SurveyRowRaw,
} from './record-sql';
import type {
  QuarantineRecord,
  StoredContact,
  StoredForecast,
  StoredQuarantine,
  StoredScheduleSegment,
  StoredStateEvent,
  StoredSurvey,
} from './record-types';

/**
 * Typed access to the normalised records, in epoch ms, for ingest (writes) and the KPI
 * service (reads). Works with Nest (injected by DatabaseModule) and without (`RecordStore.for`).
 * All writes go through BulkWriter and are idempotent; `transaction()` gives a store whose
 * writes commit together.
 */
/** settings key: the latest contact end or state change written (epoch ms), see raiseSetting. */
export const LATEST_EVENT_KEY = 'ingest.latestEventTime';
/** settings key: the longest enqueue-to-end span of any contact written (ms), see maxContactSpan. */
export const MAX_CONTACT_SPAN_KEY = 'ingest.maxContactSpanMs';

/** loadContactsByCustomer: above this many keys, scan the window instead of matching keys. */
const CUSTOMER_KEYS_PER_QUERY = 10_000;

export class RecordStore {
  constructor(
    readonly dataSource: DataSource,
    readonly writer: BulkWriter,
    /** When set, every statement runs on this runner (inside its transaction). */
    readonly runner?: QueryRunner,
  ) {}

  static for(handle: DatabaseHandle): RecordStore {
    return new RecordStore(handle.dataSource, new BulkWriter(handle.dataSource, handle.mode));
  }

  /** Runs `work` with a store bound to one transaction: commits if it resolves, rolls back if it throws. */
  async transaction<T>(work: (tx: RecordStore) => Promise<T>): Promise<T> {
    if (this.runner) return work(this);
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      const result = await work(new RecordStore(this.dataSource, this.writer, runner));
      await runner.commitTransaction();
      return result;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  /** Raw SQL on the bound runner or the pool. */
  query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (this.runner ? this.runner.query(sql, params) : this.dataSource.query(sql, params)) as Promise<T[]>;
  }

  // ---------------------------------------------------------------- writes

  /** Inserts new contact segments; a stored one is replaced only by a copy with a newer sourceUpdatedAt. */
  async writeContacts(rows: readonly StoredContact[]): Promise<number> {
    const values: Row[] = rows.map((c) => [
      c.source, c.naturalKey ?? `${c.contactId}#${c.segmentId}`, c.contactId, c.segmentId, c.channel, c.queueId,
      c.reason, c.agentId, c.customerKey, toTimestamp(c.enqueuedAt), toTimestampOrNull(c.answeredAt),
      toTimestamp(c.endedAt), c.waitSeconds, c.talkSeconds, c.holdSeconds, c.acwSeconds, c.outcome,
      c.transferredTo, c.siteId, c.teamId, toTimestampOrNull(c.sourceUpdatedAt),
    ]);
    const update = CONTACT_COLUMNS.filter((c) => !['source', 'natural_key', 'enqueued_at'].includes(c));
    const written = await this.writer.write('contacts', CONTACT_COLUMNS, values, {
      runner: this.runner,
      onConflict: {
        update,
        where: 'excluded.source_updated_at IS NOT NULL AND (t.source_updated_at IS NULL OR excluded.source_updated_at > t.source_updated_at)',
      },
    });
    let latest = Number.NEGATIVE_INFINITY;
    let span = 0;
    for (const c of rows) {
      if (c.endedAt > latest) latest = c.endedAt;
      if (c.endedAt - c.enqueuedAt > span) span = c.endedAt - c.enqueuedAt;
    }
    await this.raiseSetting(LATEST_EVENT_KEY, latest);
    if (rows.length > 0) await this.raiseSetting(MAX_CONTACT_SPAN_KEY, span);
    return written;
  }

  /** Inserts state events; an event with the same (agent, at, state) is a duplicate and skipped. */
  async writeStateEvents(rows: readonly StoredStateEvent[]): Promise<number> {
    const values: Row[] = rows.map((e) => [e.agentId, toTimestamp(e.at), e.state, e.seq ?? 0, e.source]);
    const written = await this.writer.write('agent_state_events', ['agent_id', 'at', 'state', 'seq', 'source'], values, { runner: this.runner });
    let latest = Number.NEGATIVE_INFINITY;
    for (const e of rows) if (e.at > latest) latest = e.at;
    await this.raiseSetting(LATEST_EVENT_KEY, latest);
    return written;
  }

  /**
   * Raises a numeric setting to `value` (never lowers it), in the writer's transaction. Used for
   * LATEST_EVENT_KEY (every KPI query's default asOf) and MAX_CONTACT_SPAN_KEY (the lower bound
   * that lets contact reads by end time skip old day partitions): max() over the raw tables cannot
   * be pruned, and with one partition a day on PostgreSQL its planning alone took ~100 ms at 90 days.
   */
  private async raiseSetting(key: string, value: number): Promise<void> {
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

  /** Upserts segments by (agent, start, activity): a re-published segment updates its end. */
  writeScheduleSegments(rows: readonly StoredScheduleSegment[]): Promise<number> {
    const values: Row[] = rows.map((s) => [s.agentId, toTimestamp(s.start), toTimestamp(s.end), s.activity, s.source]);
    return this.writer.write('schedule_segments', ['agent_id', 'start_at', 'end_at', 'activity', 'source'], values, {
      runner: this.runner,
      onConflict: { update: ['end_at', 'source'], where: 't.end_at IS DISTINCT FROM excluded.end_at' },
    });
  }

  /** Upserts forecast rows by (site, queue, interval): the latest forecast wins. */
  writeForecasts(rows: readonly StoredForecast[]): Promise<number> {
    const values: Row[] = rows.map((f) => [f.siteId, f.queueId, toTimestamp(f.intervalStart), f.volume, f.ahtSeconds, f.requiredAgents, f.source]);
    const columns = ['site_id', 'queue_id', 'interval_start', 'volume', 'aht_seconds', 'required_agents', 'source'];
    return this.writer.write('forecast_intervals', columns, values, {
      runner: this.runner,
      onConflict: { update: ['volume', 'aht_seconds', 'required_agents', 'source'] },
    });
  }

  writeSurveys(rows: readonly StoredSurvey[]): Promise<number> {
    const values: Row[] = rows.map((s) => [
      s.naturalKey ?? `${s.customerKey ?? ''}|${s.respondedAt}|${s.mainChannel}|${s.channelChain}`, s.source, s.customerKey,
      toTimestamp(s.respondedAt), s.mainChannel, s.channelChain, ...s.items, s.csat, s.nps, s.scaleMin, s.scaleMax,
    ]);
    const columns = ['natural_key', 'source', 'customer_key', 'responded_at', 'main_channel', 'channel_chain', 'q1', 'q2', 'q3', 'q4', 'q5', 'csat', 'nps', 'scale_min', 'scale_max'];
    return this.writer.write('survey_responses', columns, values, { runner: this.runner });
  }

  writeQuarantine(rows: readonly QuarantineRecord[]): Promise<number> {
    const values: Row[] = rows.map((q) => [q.source, q.format, q.lineNumber, q.raw, q.reason]);
    // The key is a generated uuid, nothing can conflict: plain COPY on PostgreSQL, no staging table.
    return this.writer.write('quarantine', ['source', 'format', 'line_number', 'raw', 'reason'], values, { runner: this.runner, onConflict: 'error' });
  }

  /**
   * Records line hashes (lineHashOf) as seen; returns the ones that were NOT seen before (the
   * rest are duplicates). One statement from a uuid[] parameter on both databases: no staging
   * table, no per-row json, and the race between two ingests is settled by the primary key.
   */
  async claimFeedLines(format: string, lineHashes: readonly string[]): Promise<Set<string>> {
    if (lineHashes.length === 0) return new Set();
    // A file seen for the first time: one COPY, every line new (PostgreSQL; duplicates fall through).
    if (await this.writer.insertIfAllNew('feed_lines', ['format', 'line_hash'], lineHashes.map((h) => [format, h]), this.runner)) return new Set(lineHashes);
    const rows = await this.query<{ h: string }>(
      `INSERT INTO feed_lines (format, line_hash) SELECT $1, h FROM unnest($2::uuid[]) AS u(h)
       ON CONFLICT DO NOTHING RETURNING replace(line_hash::text, '-', '') AS h`,
      [format, lineHashes],
    );
    const fresh = new Set<string>();
    for (const r of rows) fresh.add(r.h);
    return fresh;
  }

  /** Upserts sites, teams, agents (+aliases), queues (+aliases). Aliases are re-pointed, never deleted. */
  async upsertOrg(org: Partial<Org>): Promise<void> {
    const opts = (update: string[]) => ({ runner: this.runner, onConflict: { update } });
    await this.writer.write('sites', ['id', 'name', 'timezone'], (org.sites ?? []).map((s) => [s.id, s.name, s.timezone]), opts(['name', 'timezone']));
    await this.writer.write('teams', ['id', 'name', 'site_id', 'leader_user_id'], (org.teams ?? []).map((t) => [t.id, t.name, t.siteId, t.leaderUserId]), opts(['name', 'site_id', 'leader_user_id']));
    const agents = org.agents ?? [];
    await this.writer.write('agents', ['id', 'name', 'team_id', 'site_id'], agents.map((a) => [a.id, a.name, a.teamId, a.siteId]), opts(['name', 'team_id', 'site_id']));
    await this.writer.write('agent_aliases', ['alias', 'agent_id'], agents.flatMap((a) => a.aliases.map((al) => [al, a.id])), opts(['agent_id']));
    const queues = org.queues ?? [];
    await this.writer.write('queues', ['id', 'name', 'site_id', 'channel', 'sl_seconds'], queues.map((q) => [q.id, q.name, q.siteId, q.channel, q.slSeconds]), opts(['name', 'site_id', 'channel', 'sl_seconds']));
    await this.writer.write('queue_aliases', ['alias', 'queue_id'], queues.flatMap((q) => q.aliases.map((al) => [al, q.id])), opts(['queue_id']));
  }

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
