import { CHANNELS } from '@floorwatch/contracts';
import { z } from 'zod';
import { nonEmpty, timeZone } from '../common/validation';

const aliases = z.array(nonEmpty(200)).max(100).optional();

export const siteSchema = z.object({ name: nonEmpty(), timezone: timeZone }).strict();
export const teamSchema = z.object({ name: nonEmpty(), siteId: nonEmpty(100), leaderUserId: nonEmpty(100).nullable().default(null) }).strict();
export const agentSchema = z
  .object({ name: nonEmpty(), siteId: nonEmpty(100), teamId: nonEmpty(100).nullable().default(null), aliases })
  .strict();
export const queueSchema = z
  .object({
    name: nonEmpty(),
    siteId: nonEmpty(100),
    channel: z.enum(CHANNELS, { error: `must be one of ${CHANNELS.join(', ')}` }),
    slSeconds: z.number().int().min(0).max(7 * 86_400).nullable().default(null),
    aliases,
  })
  .strict();
export const orgIdSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}$/, { error: 'must be 1-100 letters, digits or ._:@-' }) });
