import { z } from 'zod';
import { CHANNELS, UNASSIGNED_SITE_ID, type Org } from '@floorwatch/contracts';
import { judge, quarantine } from './outcome';
import type { FeedOrg, FeedParser, FeedRecord, FeedUnit, LineOutcome } from './types';

const id = z.string().trim().min(1);
const timezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not an IANA time zone' },
);

const OrgDocument = z.object({
  sites: z.array(z.object({ id, name: z.string(), timezone })),
  teams: z.array(z.object({ id, name: z.string(), siteId: id, leaderUserId: z.string().nullish() })).default([]),
  agents: z.array(z.object({ id, name: z.string(), teamId: z.string().nullish(), siteId: z.string().nullish(), aliases: z.array(z.string()).default([]) })).default([]),
  queues: z.array(z.object({ id, name: z.string(), channel: z.enum(CHANNELS), siteId: id, aliases: z.array(z.string()).default([]), slSeconds: z.number().nonnegative().nullish() })).default([]),
  entryPoints: z.array(z.object({ id, name: z.string(), siteId: id, aliases: z.array(z.string()).default([]) })).default([]),
});

function uniqueIds(kind: string, ids: string[], problems: string[]): void {
  const seen = new Set<string>();
  for (const i of ids) {
    if (seen.has(i)) problems.push(`${kind} id "${i}" appears twice`);
    seen.add(i);
  }
}

/** An alias naming two agents (or two queues) would make feed mapping ambiguous. */
function uniqueAliases(kind: string, items: Array<{ id: string; aliases: string[] }>, problems: string[]): void {
  const owner = new Map<string, string>();
  for (const item of items) {
    for (const a of [item.id, ...item.aliases]) {
      const prev = owner.get(a);
      if (prev !== undefined && prev !== item.id) problems.push(`${kind} alias "${a}" belongs to both ${prev} and ${item.id}`);
      owner.set(a, item.id);
    }
  }
}

export function parseOrgDocument(text: string): FeedOrg {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return quarantine(/end of (JSON|data)|Unterminated/i.test(msg) ? 'truncated-json' : 'bad-json', msg);
  }
  const r = OrgDocument.safeParse(json);
  if (!r.success) {
    quarantine('invalid-org', r.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
  }
  const doc = r.data;
  const problems: string[] = [];
  const siteIds = new Set([...doc.sites.map((s) => s.id), UNASSIGNED_SITE_ID]);
  const teamSite = new Map(doc.teams.map((t) => [t.id, t.siteId]));
  uniqueIds('site', doc.sites.map((s) => s.id), problems);
  uniqueIds('team', doc.teams.map((t) => t.id), problems);
  uniqueIds('agent', doc.agents.map((a) => a.id), problems);
  uniqueIds('queue', doc.queues.map((q) => q.id), problems);
  uniqueAliases('agent', doc.agents, problems);
  uniqueAliases('queue', doc.queues, problems);
  uniqueIds('entry point', doc.entryPoints.map((e) => e.id), problems);
  uniqueAliases('entry point', doc.entryPoints, problems);
  for (const e of doc.entryPoints) if (!siteIds.has(e.siteId)) problems.push(`entry point ${e.id}: site "${e.siteId}" does not exist`);
  for (const t of doc.teams) if (!siteIds.has(t.siteId)) problems.push(`team ${t.id}: site "${t.siteId}" does not exist`);
  for (const q of doc.queues) if (!siteIds.has(q.siteId)) problems.push(`queue ${q.id}: site "${q.siteId}" does not exist`);
  for (const a of doc.agents) if (a.teamId && !teamSite.has(a.teamId)) problems.push(`agent ${a.id}: team "${a.teamId}" does not exist`);
  if (problems.length) quarantine('invalid-org', problems.slice(0, 10).join('; '));
  const org: Org = {
    sites: doc.sites,
    teams: doc.teams.map((t) => ({ ...t, leaderUserId: t.leaderUserId ?? null })),
    agents: doc.agents.map((a) => ({
      id: a.id,
      name: a.name,
      teamId: a.teamId ?? null,
      siteId: (a.teamId ? teamSite.get(a.teamId) : undefined) ?? a.siteId ?? UNASSIGNED_SITE_ID,
      aliases: a.aliases,
    })),
    queues: doc.queues.map((q) => ({ ...q, slSeconds: q.slSeconds ?? null })),
    ...(doc.entryPoints.length ? { entryPoints: doc.entryPoints } : {}),
  };
  return { kind: 'org', org };
}

/** The whole document is one unit (readUnits('org', …) yields it): one outcome, one record. */
export class OrgParser implements FeedParser {
  readonly format = 'org' as const;
  push(unit: FeedUnit): LineOutcome {
    return judge(unit, () => [parseOrgDocument(unit.text)]);
  }
  end(): FeedRecord[] {
    return [];
  }
  exportState(): string {
    return '{}';
  }
  importState(): void {
    /* stateless */
  }
}
