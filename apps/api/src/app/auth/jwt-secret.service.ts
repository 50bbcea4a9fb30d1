import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

const SETTING_KEY = 'jwt_secret';
export const JWT_SECRET_MIN_BYTES = 32;

/** Why JWT_SECRET cannot be used (too short to resist guessing HS256 keys), or null. */
export function jwtSecretProblem(env: NodeJS.ProcessEnv = process.env): string | null {
  const v = env['JWT_SECRET'];
  if (v === undefined || v === '') return null;
  const bytes = Buffer.byteLength(v, 'utf8');
  return bytes < JWT_SECRET_MIN_BYTES ? `JWT_SECRET must be at least ${JWT_SECRET_MIN_BYTES} bytes (got ${bytes}); e.g. openssl rand -base64 48` : null;
}

/**
 * The JWT signing secret: `JWT_SECRET` if set, otherwise a random one kept in the settings table
 * so tokens survive restarts (and several API processes on one database agree).
 */
@Injectable()
export class JwtSecretService {
  private cached: Promise<string> | null = null;

  constructor(private readonly db: DataSource) {}

  secret(): Promise<string> {
    const fromEnv = process.env['JWT_SECRET'];
    const problem = jwtSecretProblem();
    if (problem) return Promise.reject(new Error(problem));
    if (fromEnv) return Promise.resolve(fromEnv);
    this.cached ??= this.load().catch((e: unknown) => {
      this.cached = null;
      throw e;
    });
    return this.cached;
  }

  private async load(): Promise<string> {
    const candidate = randomBytes(48).toString('base64url');
    // Insert-if-absent then read back: two processes starting together end up with one secret.
    await this.db.query('INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING', [
      SETTING_KEY,
      JSON.stringify(candidate),
    ]);
    const rows: { value: unknown }[] = await this.db.query('SELECT value FROM settings WHERE key = $1', [SETTING_KEY]);
    const value = rows[0]?.value;
    if (typeof value !== 'string' || value.length < 16) throw new Error('settings.jwt_secret is missing or too short');
    return value;
  }
}
