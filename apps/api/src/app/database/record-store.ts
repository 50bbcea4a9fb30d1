import type { Org } from '@floorwatch/contracts';
import type { DataSource, QueryRunner } from 'typeorm';
import { BulkWriter, type Row } from './bulk-writer';
import type { DatabaseHandle } from './open-database';
import { LATEST_EVENT_KEY, MAX_CONTACT_SPAN_KEY, RecordReader } from './record-reader';
import { CONTACT_COLUMNS, toTimestamp, toTimestampOrNull } from './record-sql';
import { surveyNaturalKey, type QuarantineRecord, type StoredContact, type StoredForecast, type StoredScheduleSegment, type StoredStateEvent, type StoredSurvey } from './record-types';
import { currentStatementTimeout } from './statement-timeout';

export { LATEST_EVENT_KEY, MAX_CONTACT_SPAN_KEY } from './record-reader';

/**
 * Typed access to the normalised records, in epoch ms: the writes of ingest here, the reads in
 * RecordReader. Works with Nest (injected by DatabaseModule) and without (`RecordStore.for`).
 * All writes go through BulkWriter and are idempotent; `transaction()` gives a store whose
 * writes commit together.
 */
export class RecordStore extends RecordReader {
  constructor(
    dataSource: DataSource,
    readonly writer: BulkWriter,
    /** When set, every statement runs on this runner (inside its transaction). */
    runner?: QueryRunner,
  ) {
    super(dataSource, runner);
  }

  static for(handle: DatabaseHandle): RecordStore {
    return new RecordStore(handle.dataSource, new BulkWriter(handle.dataSource, handle.mode));
  }

  /**
   * Raw SQL. Inside an API request on PostgreSQL (statement-timeout.ts) a pooled statement runs
   * in its own short transaction with SET LOCAL statement_timeout, so the limit ends with it and
   * the connection goes back to the pool clean. Not on PGlite: it does not enforce
   * statement_timeout (pg_sleep(1) under a 100 ms limit completes) and has one connection.
   */
  override query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const ms = this.runner || this.writer.mode !== 'postgres' ? null : currentStatementTimeout();
    return ms === null ? super.query<T>(sql, params) : this.timedQuery<T>(ms, sql, params);
  }

  private async timedQuery<T>(ms: number, sql: string, params: unknown[]): Promise<T[]> {
    const runner = this.dataSource.createQueryRunner();
    let broken: Error | undefined;
    try {
      await runner.query(`BEGIN; SET LOCAL statement_timeout = ${Math.floor(ms)}`);
      const rows = (await runner.query(sql, params)) as T[];
      await runner.query('COMMIT');
      return rows;
    } catch (err) {
      // A connection that cannot even roll back is dropped from the pool, not handed to the next request.
      await runner.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw err;
    } finally {
      const pg = runner as QueryRunner & { releasePostgresConnection?(err?: Error): Promise<void> };
      if (pg.releasePostgresConnection) await pg.releasePostgresConnection(broken);
      else await runner.release();
    }
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

  // ---------------------------------------------------------------- writes

  /** Inserts new contact segments; a stored one is replaced only by a copy with a newer sourceUpdatedAt. */
  async writeContacts(rows: readonly StoredContact[]): Promise<number> {
    const values: Row[] = rows.map((c) => [
      c.source, c.naturalKey ?? `${c.contactId}#${c.segmentId}`, c.contactId, c.segmentId, c.channel, c.queueId,
      c.reason, c.agentId, c.customerKey, toTimestamp(c.enqueuedAt), toTimestampOrNull(c.answeredAt),
      toTimestamp(c.endedAt), c.waitSeconds, c.talkSeconds, c.holdSeconds, c.acwSeconds, c.outcome,
      c.transferredTo, c.siteId, c.teamId, toTimestampOrNull(c.sourceUpdatedAt),
      c.direction ?? 'inbound', c.queued ?? true, c.exitedByKey ?? false, c.endedBy ?? null,
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
      surveyNaturalKey(s), s.source, s.customerKey,
      toTimestamp(s.respondedAt), s.mainChannel, s.channelChain, ...s.items, s.csat, s.nps, s.scaleMin, s.scaleMax,
      // customer.md: responseId = (customerKey, respondedAt, contactId or empty)
      s.contactId ?? null, s.comment ?? null, s.trust ?? null, s.repurchase ?? null, s.productSat ?? null, s.valueForMoney ?? null,
      `${s.customerKey ?? ''}|${s.respondedAt}|${s.contactId ?? ''}`,
    ]);
    const columns = ['natural_key', 'source', 'customer_key', 'responded_at', 'main_channel', 'channel_chain', 'q1', 'q2', 'q3', 'q4', 'q5', 'csat', 'nps', 'scale_min', 'scale_max',
      'contact_id', 'comment', 'trust', 'repurchase', 'product_sat', 'value_for_money', 'response_id'];
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
    // selfservice.md §2: entry points (aliases as a JSON array: read whole, never joined).
    await this.writer.write('entry_points', ['id', 'name', 'site_id', 'aliases'], (org.entryPoints ?? []).map((e) => [e.id, e.name, e.siteId, JSON.stringify(e.aliases)]), opts(['name', 'site_id', 'aliases']));
  }

}