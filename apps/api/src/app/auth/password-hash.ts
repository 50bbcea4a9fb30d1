import { Algorithm, hash, verify } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

/**
 * Password hashing off the event loop: argon2id in @node-rs/argon2 runs on libuv's thread pool, so
 * a burst of logins does not stall live sockets (bcryptjs, used before, hashes in JavaScript on
 * the main thread). Hashes made by bcryptjs (`$2a$`/`$2b$`) still verify and are replaced by an
 * argon2id hash at the next successful login (see AuthService.login).
 */
const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** bcrypt silently ignores bytes beyond the 72nd; such a password never matches a bcrypt hash. */
export const BCRYPT_MAX_BYTES = 72;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash is an old kind (bcrypt) and should be replaced now that the password is known. */
  rehash: boolean;
}

export async function verifyPassword(stored: string, password: string): Promise<PasswordCheck> {
  if (stored.startsWith('$argon2')) {
    const ok = await verify(stored, password).catch(() => false);
    return { ok, rehash: false };
  }
  if (/^\$2[aby]\$/.test(stored)) {
    if (Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES) return { ok: false, rehash: false };
    const ok = await bcrypt.compare(password, stored);
    return { ok, rehash: ok };
  }
  return { ok: false, rehash: false };
}

/** A hash of a random password, compared against when the user is unknown, so timing does not tell. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}-never-matches`);
  return decoy;
}
