import { ROLES } from '@floorwatch/contracts';
import { z } from 'zod';
import { nonEmpty } from '../common/validation';

export const loginSchema = z.object({
  username: nonEmpty(100),
  password: z.string({ error: 'is required' }).min(1, { error: 'is required' }).max(200),
});

const username = z
  .string({ error: 'is required' })
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/i, { error: 'must be 2-64 letters, digits, dot, dash or underscore' });
const ids = z.array(nonEmpty(100)).max(500);
const password = z.string({ error: 'is required' }).min(8, { error: 'must be at least 8 characters' }).max(200);
const roles = z.array(z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` })).min(1, { error: 'needs at least one role' });

const userFields = {
  roles,
  agentId: nonEmpty(100).nullable().default(null),
  teamIds: ids.default([]),
  siteIds: ids.default([]),
};

/** An agent user must say which agent they are, or they would see nothing at all. */
function agentNeedsId(u: { roles?: string[]; agentId?: string | null }, ctx: z.RefinementCtx): void {
  if (u.roles?.includes('agent') && u.agentId === null) {
    ctx.addIssue({ code: 'custom', path: ['agentId'], message: 'is required for the agent role' });
  }
}

export const createUserSchema = z.object({ username, password, ...userFields }).strict().superRefine(agentNeedsId);

export const patchUserSchema = z
  .object({
    password: password.optional(),
    roles: roles.optional(),
    agentId: nonEmpty(100).nullable().optional(),
    teamIds: ids.optional(),
    siteIds: ids.optional(),
  })
  .strict();
