import type { DataSource } from 'typeorm';
import { verifyPassword } from '../auth/password-hash';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../auth/users.service';
import { DEMO_SEED_SETTING } from './demo-world';

/**
 * Real mode must never run with a known password or on the demo's synthetic world (issue 20).
 * Returns why this store cannot serve real mode, with what to do about it, or null when it can.
 * The demo accounts are the five named ones; each stored hash is checked against the published
 * demo password (argon2id on the thread pool: five checks, well under a second).
 */
export async function realModeRefusal(db: DataSource, where: string): Promise<string | null> {
  const marker: unknown[] = await db.query('SELECT 1 FROM settings WHERE key = $1', [DEMO_SEED_SETTING]);
  if (marker.length > 0) {
    return (
      `real mode refuses to start: ${where} holds the demo world (settings.${DEMO_SEED_SETTING}) and its demo users with the published password "${DEMO_PASSWORD}". ` +
      `Demo data now lives in its own directory (./.floorwatch-demo by default); for real feeds point FLOORWATCH_DATA_DIR or DATABASE_URL at an empty store, or delete this one to start afresh.`
    );
  }
  const rows: { username: string; password_hash: string; disabled: boolean }[] = await db.query(
    'SELECT username, password_hash, disabled FROM users WHERE username = ANY($1::text[])',
    [[...DEMO_USERNAMES]],
  );
  const known: string[] = [];
  for (const r of rows) if (!r.disabled && (await verifyPassword(r.password_hash, DEMO_PASSWORD)).ok) known.push(r.username);
  if (known.length === 0) return null;
  return (
    `real mode refuses to start: ${known.join(', ')} still ${known.length === 1 ? 'has' : 'have'} the published demo password "${DEMO_PASSWORD}" in ${where}. ` +
    `Change ${known.length === 1 ? 'it' : 'them'} first (in demo mode: log in and use "Change password", or PATCH /api/v1/me/password), or start real mode on an empty store.`
  );
}
