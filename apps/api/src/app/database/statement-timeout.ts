import { AsyncLocalStorage } from 'node:async_hooks';

/** Env: longest one SQL statement of an API read may run (ms); 0 turns the limit off. */
export const STATEMENT_TIMEOUT_ENV = 'API_STATEMENT_TIMEOUT_MS';
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/** PostgreSQL's SQLSTATE for a statement cancelled by statement_timeout (query_canceled). */
const QUERY_CANCELED = '57014';

interface StatementLimit {
  ms: number;
}

// Per request, not per pool: a pool-wide statement_timeout would also stop migrations, rollup
// rebuilds and the demo backfill, which legitimately run for minutes.
const limits = new AsyncLocalStorage<StatementLimit>();

/** The configured limit (ms), or null when API_STATEMENT_TIMEOUT_MS is 0. Read per call so tests can change it. */
export function statementTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env[STATEMENT_TIMEOUT_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_STATEMENT_TIMEOUT_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0) throw new Error(`${STATEMENT_TIMEOUT_ENV} must be a whole number of milliseconds (0 = no limit), got "${raw}"`);
  return ms === 0 ? null : ms;
}

/** Runs `work` so that every pooled RecordStore statement it issues is limited to `ms`. */
export function withStatementTimeout<T>(ms: number, work: () => T): T {
  return limits.run({ ms }, work);
}

/** The limit of the request being served, or null outside one (background jobs, CLI, migrations). */
export function currentStatementTimeout(): number | null {
  return limits.getStore()?.ms ?? null;
}

/** True for the error PostgreSQL raises when statement_timeout stops a statement. */
export function isStatementTimeout(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  return e.code === QUERY_CANCELED || e.driverError?.code === QUERY_CANCELED;
}
