import { createHash, randomBytes } from 'node:crypto';
import type { RecordStore } from '../database/record-store';

export const CUSTOMER_KEY_SALT_SETTING = 'customer-key-salt';

/** sha256(salt + raw), hex. The raw caller id / address / customer id is never stored. */
export function hashCustomerKey(salt: string, raw: string | null): string | null {
  if (raw === null) return null;
  const key = raw.trim();
  if (key === '') return null;
  // Already hashed (a caller id redacted from stored parser state, redact-caller.ts).
  if (key.startsWith('fwhash:')) return key.slice('fwhash:'.length);
  return createHash('sha256').update(salt + key).digest('hex');
}

/**
 * The deployment's salt, created on first use. Insert-if-absent then read, so two processes
 * starting together agree on one salt.
 */
export async function customerKeySalt(store: RecordStore): Promise<string> {
  await store.query(
    `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, now()) ON CONFLICT (key) DO NOTHING`,
    [CUSTOMER_KEY_SALT_SETTING, JSON.stringify(randomBytes(32).toString('hex'))],
  );
  const salt = await store.getSetting<string>(CUSTOMER_KEY_SALT_SETTING);
  if (typeof salt !== 'string' || salt === '') throw new Error(`setting ${CUSTOMER_KEY_SALT_SETTING} is not a non-empty string`);
  return salt;
}
