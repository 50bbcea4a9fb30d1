import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { DatabaseConfigError } from './database-config';
import { DatabaseOpenError, describeDbError } from './describe-db-error';

const ROOT = resolve(__dirname, '../../../../..');

describe('a bad DATABASE_URL fails fast with one clear line', () => {
  it.each([
    ['refused', 'postgres://nobody@127.0.0.1:1/x', 'floorwatch: database: cannot connect to PostgreSQL at 127.0.0.1:1/x: connection refused (is the server running? check DATABASE_URL)'],
    ['unparseable', 'not a url', 'floorwatch: database: DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)'],
  ])('%s: the api exits 1 and prints one line, no stack', (_name, url, expected) => {
    const run = spawnSync(process.execPath, ['-r', './tools/register.cjs', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expected]);
    expect(run.stdout).toBe('');
  });

  it('names the problem for each driver error, never the password', () => {
    expect(describeDbError(Object.assign(new Error('getaddrinfo ENOTFOUND db.example'), { code: 'ENOTFOUND', hostname: 'db.example' }))).toBe(
      'database: unknown host "db.example" in DATABASE_URL',
    );
    expect(describeDbError(Object.assign(new Error('password authentication failed for user "fw"'), { code: '28P01' }), 'db:5432/fw')).toBe(
      'database: authentication failed at db:5432/fw: password authentication failed for user "fw"',
    );
    const refusedTwice = Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], ''), {});
    expect(describeDbError(refusedTwice, 'localhost:5432/fw')).toContain('connection refused');
    expect(describeDbError(new DatabaseConfigError('DATABASE_URL has no host'))).toBe('database: DATABASE_URL has no host');
    expect(describeDbError(new DatabaseOpenError('database: already described'))).toBe('database: already described');
  });
});
