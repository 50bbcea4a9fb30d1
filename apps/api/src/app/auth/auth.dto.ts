import { ROLES } from '@floorwatch/contracts';
import { z } from 'zod';
import { nonEmpty } from '../common/validation';
import { BCRYPT_MAX_BYTES } from './password-hash';

export const loginSchema = z.object({
  username: nonEmpty(100),
  password: z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(200),
});

const username = z
  .string({ error: 'is required' })
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/i, { error: 'must be 2-64 letters, digits, dot, dash or underscore' });
const ids = z.array(nonEmpty(100)).max(500);
/**
 * New passwords: at least 12 characters, at most 72 bytes (what bcrypt-era hashes could hold; a
 * longer one is refused rather than silently cut). Existing shorter passwords (the demo's
 * `floorwatch`) still log in: the rule applies when a password is set.
 */
export const newPassword = z
  .string({ error: 'is required' })
  .min(12, { error: 'must be at least 12 characters' })
  .refine((p) => Buffer.byteLength(p, 'utf8') <= BCRYPT_MAX_BYTES, { error: `must be at most ${BCRYPT_MAX_BYTES} bytes` });
const roles = z.array(z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` })).min(1, { error: 'needs at least one role' });

const userFields = {
  roles,
  agentId: nonEmpty(100).nullable().default(null),
  teamIds: ids.default([]),
  siteIds: ids.default([]),
  mustChangePassword: z.boolean().optional(),
};

/** An agent user must say which agent they are, or they would see nothing at all. */
function agentNeedsId(u: { roles?: string[]; agentId?: string | null }, ctx: z.RefinementCtx): void {
  if (u.roles?.includes('agent') && u.agentId === null) {
    ctx.addIssue({ code: 'custom', path: ['agentId'], message: 'is required for the agent role' });
  }
}

export const createUserSchema = z.object({ username, password: newPassword, ...userFields }).strict().superRefine(agentNeedsId);

export const patchUserSchema = z
  .object({
    password: newPassword.optional(),
    roles: roles.optional(),
    agentId: nonEmpty(100).nullable().optional(),
    teamIds: ids.optional(),
    siteIds: ids.optional(),
    disabled: z.boolean().optional(),
    mustChangePassword: z.boolean().optional(),
  })
  .strict();

export const changePasswordSchema = z
  .object({ currentPassword: z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(200), newPassword })
  .strict()
  .refine((b) => b.currentPassword !== b.newPassword, { path: ['newPassword'], error: 'must differ from the current password' });
