import { DataSource, type QueryRunner } from 'typeorm';

/*
 * Day partitions of the raw time-series tables on real PostgreSQL (docs/perf.md "Partitioning").
 *
 * Which tables are partitioned, and by which column, is read from the catalog
 * (pg_partitioned_table), so this module follows whatever the migrations built: on PGlite the
 * tables stay plain and every call here costs one catalog look-up per table per process.
 *
 * A day D (UTC) is the partition `<table>_pYYYYMMDD` FOR VALUES FROM (D 00:00Z) TO (D+1 00:00Z).
 * There is NO default partition (measured: a default partition that a query cannot prune, as in
 * "each agent's last state before T", turns the ordered Append into a Merge Append over every
 * partition: 1.5 ms → 52 ms for 300 agents over 30 days). So every row needs its day's partition
 * before it is written: BulkWriter calls ensurePartitionsForRows for every write, and a write
 * that bypasses it fails loudly ("no partition of relation ... found for row") instead of
 * landing silently in a catch-all.
 *
 * Creating a partition: CREATE TABLE ... (LIKE parent) then ALTER TABLE parent ATTACH PARTITION,
 * in its own short transaction on its own connection. ATTACH takes SHARE UPDATE EXCLUSIVE on
 * the parent, which does not wait for open readers or writers (an ingest batch holding rows of
 * yesterday, a KPI query); CREATE TABLE ... PARTITION OF takes ACCESS EXCLUSIVE and would queue
 * behind them and block everything behind itself. The new table is empty, so ATTACH's
 * validation scan and index builds cost nothing. Two API processes racing for the same day
 * serialise on a transaction advisory lock per table and re-read the catalog under it; a lock
 * timeout or deadlock is retried.
 */

export const DAY_MS = 86_400_000;
const LOCK_TIMEOUT = '5s';
const ATTEMPTS = 5;
const RETRYABLE = new Set(['55P03', '40P01', '40001', '42P07', '23505']); // lock timeout, deadlock, serialization, duplicate table, catalog unique race

interface TableState {
  /** Partition column when the table is partitioned by range, else null (plain table). */
  column: string | null;
  /** Epoch days (floor(ms / DAY_MS)) that have a partition. */
  days: Set<number>;
  /** Creations of this process for this table run one after the other. */
  queue: Promise<unknown>;
}

const cache = new WeakMap<DataSource, Map<string, Promise<TableState | null>>>();

/** Epoch day of a timestamp (UTC). */
export const dayOf = (epochMs: number): number => Math.floor(epochMs / DAY_MS);

/** `contacts_p20260101` for the epoch day of 2026-01-01. */
export function partitionName(table: string, day: number): string {
  return `${table}_p${new Date(day * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '')}`;
}

/** `FOR VALUES FROM (...) TO (...)` of one UTC day, with explicit offsets (session time zone does not matter). */
export function dayBounds(day: number): string {
  const iso = (d: number) => new Date(d * DAY_MS).toISOString();
  return `FOR VALUES FROM ('${iso(day)}') TO ('${iso(day + 1)}')`;
}

/**
 * Makes sure `table` has a partition for the UTC day of every time in `times` (epoch ms).
 * No-op for a plain table. Returns the number of partitions this call created.
 * `source` is used for the catalog read (pass the caller's runner inside a transaction: on
 * PGlite's single connection the pool has nothing else to give); creation always uses a new
 * connection from the DataSource and commits before returning.
 */
export async function ensureDayPartitions(source: DataSource | QueryRunner, table: string, times: Iterable<number>): Promise<number> {
  const dataSource = source instanceof DataSource ? source : source.connection;
  const state = await tableState(dataSource, source, table);
  if (!state?.column) return 0;
  const missing = new Set<number>();
  for (const t of times) {
    if (!Number.isFinite(t)) continue;
    const day = dayOf(t);
    if (!state.days.has(day)) missing.add(day);
  }
  if (missing.size === 0) return 0;
  const run = state.queue.then(() => createDays(dataSource, table, [...missing].sort((a, b) => a - b), state));
  state.queue = run.catch(() => undefined);
  return run;
}

/**
 * The write path's hook (BulkWriter): the partitions for the rows' days, where `columns` holds
 * the table's partition column. Cheap when every day is known: one pass over the rows.
 */
export async function ensurePartitionsForRows(
  dataSource: DataSource,
  runner: QueryRunner | undefined,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<number> {
  const state = await tableState(dataSource, runner ?? dataSource, table);
  const at = state?.column ? columns.indexOf(state.column) : -1;
  if (at < 0) return 0;
  const times = new Set<number>();
  for (const row of rows) times.add(dayOf(toEpochMs(row[at])) * DAY_MS);
  return ensureDayPartitions(runner ?? dataSource, table, times);
}

/** The column a table is partitioned by day on, or null (a plain table). */
export async function partitionColumn(dataSource: DataSource, runner: QueryRunner | undefined, table: string): Promise<string | null> {
  return (await tableState(dataSource, runner ?? dataSource, table))?.column ?? null;
}

/** Drops what this process knows about partitions (after a migration rebuilt the tables). */
export function forgetDayPartitions(dataSource: DataSource): void {
  cache.delete(dataSource);
}

/** Epoch days that have a partition of `table` (by our naming), read from the catalog. */
export async function partitionDays(source: DataSource | QueryRunner, table: string): Promise<Set<number>> {
  const rows: { relname: string }[] = await source.query(
    `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass($1)`,
    [table],
  );
  const pattern = new RegExp(`^${table}_p(\\d{4})(\\d{2})(\\d{2})$`);
  const days = new Set<number>();
  for (const { relname } of rows) {
    const m = pattern.exec(relname);
    if (m) days.add(dayOf(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
  }
  return days;
}

function tableState(dataSource: DataSource, source: DataSource | QueryRunner, table: string): Promise<TableState | null> {
  let tables = cache.get(dataSource);
  if (!tables) cache.set(dataSource, (tables = new Map()));
  let state = tables.get(table);
  if (!state) {
    state = loadState(source, table);
    tables.set(table, state);
    // A table that does not exist yet (before migrations) is looked up again next time.
    const loaded = tables;
    state.then(
      (s) => s || loaded.delete(table),
      () => loaded.delete(table),
    );
  }
  return state;
}

async function loadState(source: DataSource | QueryRunner, table: string): Promise<TableState | null> {
  const rows: { relkind: string; column: string | null }[] = await source.query(
    `SELECT c.relkind, (SELECT a.attname FROM pg_partitioned_table p JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
                         WHERE p.partrelid = c.oid AND p.partstrat = 'r' AND p.partnatts = 1) AS column
       FROM pg_class c WHERE c.oid = to_regclass($1)`,
    [table],
  );
  if (rows.length === 0) return null;
  const column = rows[0].column;
  return { column, days: column ? await partitionDays(source, table) : new Set(), queue: Promise.resolve() };
}

async function createDays(dataSource: DataSource, table: string, days: number[], state: TableState): Promise<number> {
  const runner = dataSource.createQueryRunner();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await runner.startTransaction();
        await runner.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
        await runner.query(`SELECT pg_advisory_xact_lock(hashtextextended('floorwatch partitions ' || to_regclass($1)::oid, 0))`, [table]);
        const existing = await partitionDays(runner, table);
        const todo = days.filter((d) => !existing.has(d));
        for (const day of todo) {
          const name = partitionName(table, day);
          await runner.query(`CREATE TABLE ${name} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE)`);
          await copyStatisticsTargets(runner, table, name);
          await runner.query(`ALTER TABLE ${table} ATTACH PARTITION ${name} ${dayBounds(day)}`);
        }
        await runner.commitTransaction();
        for (const d of existing) state.days.add(d);
        for (const d of todo) state.days.add(d);
        return todo.length;
      } catch (err) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        if (attempt >= ATTEMPTS || !RETRYABLE.has(sqlState(err))) throw err;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
      }
    }
  } finally {
    await runner.release();
  }
}

/**
 * LIKE copies no per-column statistics target: a column the parent leaves out of ANALYZE
 * (SET STATISTICS 0, migration LeanIngestWrites) is left out of the new day's too.
 */
async function copyStatisticsTargets(runner: QueryRunner, parent: string, partition: string): Promise<void> {
  const rows: { c: string }[] = await runner.query(
    `SELECT format('%I', attname) AS c FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped AND attstattarget = 0 ORDER BY attnum`,
    [parent],
  );
  if (rows.length > 0) await runner.query(`ALTER TABLE ${partition} ${rows.map((r) => `ALTER COLUMN ${r.c} SET STATISTICS 0`).join(', ')}`);
}

function sqlState(err: unknown): string {
  const code = err && typeof err === 'object' && 'code' in err ? (err as { code: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

function toEpochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}
