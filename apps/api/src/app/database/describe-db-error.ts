import { DatabaseConfigError } from './database-config';

/** What openDatabase throws: `message` is already the one-line description; `cause` the original. */
export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
}

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  errors?: unknown;
  driverError?: unknown;
}

/**
 * One line, no stack, naming the problem, for anything openDatabase can throw: a bad URL,
 * a refused connection, an unknown host, a failed login, a missing database, a PGlite
 * data directory that cannot be opened. The password of the URL never appears.
 */
export function describeDbError(err: unknown, target?: string): string {
  if (err instanceof DatabaseOpenError) return err.message;
  const where = target ? ` at ${target}` : '';
  if (err instanceof DatabaseConfigError) return `database: ${err.message}`;
  const e = unwrap(err);
  const code = typeof e.code === 'string' ? e.code : '';
  const message = firstLine(typeof e.message === 'string' ? e.message : String(err));
  switch (code) {
    case 'ECONNREFUSED':
      return `database: cannot connect to PostgreSQL${where}: connection refused (is the server running? check DATABASE_URL)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `database: unknown host "${typeof e.hostname === 'string' ? e.hostname : target ?? '?'}" in DATABASE_URL`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `database: cannot reach PostgreSQL${where} (${code})`;
    case '28P01':
    case '28000':
      return `database: authentication failed${where}: ${message}`;
    case '3D000':
      return `database: ${message}${where} (create it or fix DATABASE_URL)`;
    case '42501':
      return `database: permission denied${where}: ${message}`;
    default:
      if (/timeout/i.test(message)) return `database: cannot reach PostgreSQL${where}: ${message}`;
      return `database: ${message}${where}`;
  }
}

function unwrap(err: unknown): ErrorLike {
  let e: ErrorLike = typeof err === 'object' && err !== null ? (err as ErrorLike) : { message: String(err) };
  // TypeORM wraps driver errors; Node wraps multi-address connect failures in AggregateError.
  if (typeof e.driverError === 'object' && e.driverError !== null) e = e.driverError as ErrorLike;
  if (!e.code && Array.isArray(e.errors) && e.errors.length > 0) e = e.errors[0] as ErrorLike;
  return e;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim() || 'unknown error';
}
