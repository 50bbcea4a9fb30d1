import { formatScope, isScopeError, parseScope, type KpiResult, type Scope } from '@floorwatch/contracts';
import { dueDays, normalDayOpenSeconds, type ScheduledDay } from '@floorwatch/kpi';
import type { DataSource } from 'typeorm';
import type { IndexedOrg } from '../org/org-lookup';

const DAY_MS = 86_400_000;
/** A normal day is judged over at least the four weeks before asOf (whole weeks: weekends weigh as they do). */
const REFERENCE_DAYS = 28;
/** Groupings whose rows are a part of the scope's calls, not of its agents: no count target fits them. */
const WHOLE_SCOPE_ROWS = new Set<string>(['agent', 'team', 'site', 'queue', 'day']);

interface AgentDay {
  day: string;
  agentId: string;
  open: number;
  elapsed: number;
  inWindow: boolean;
}
interface Loaded {
  normal: number | null;
  rows: AgentDay[];
}

/**
 * Due days of a per-day count target (libs/kpi count-target-due) for the rows of one KPI result:
 * loads the scheduled `open` seconds per site-local day and agent of the scope a target is set on
 * (once per scope), over the window and the four weeks before asOf that define a normal day.
 */
export class CountTargetDays {
  private readonly loaded = new Map<string, Promise<Loaded>>();
  private readonly from: number;
  private readonly to: number;
  private readonly asOf: number;

  constructor(
    private readonly db: DataSource,
    private readonly org: IndexedOrg,
    private readonly result: KpiResult,
    private readonly tz?: string,
  ) {
    this.from = Date.parse(result.from);
    this.to = Date.parse(result.to);
    this.asOf = Math.min(Date.parse(result.asOf), this.to);
  }

  /** Days of `source`'s target due for the row of `rowScope` keyed `rowKey`; 0 = no target. */
  async days(source: string, rowScope: Scope, rowKey: string): Promise<number> {
    const by = this.result.by;
    if (by && !WHOLE_SCOPE_ROWS.has(by)) return 0;
    const own = formatScope(rowScope) === source;
    const parsed = parseScope(source);
    const agents = isScopeError(parsed) ? null : agentsOf(this.org, parsed);
    const loaded = agents && agents.length > 0 ? await this.load(source, parsed as Scope, agents) : null;
    if (!loaded || loaded.normal === null) {
      // Nobody of the scope is ever scheduled (a queue, or no schedule feed): calendar days, own target only.
      if (!own) return 0;
      return by === 'day' ? 1 : Math.max(0, this.asOf - this.from) / DAY_MS;
    }
    const mine = new Set(agentsOf(this.org, rowScope) ?? []);
    const byDay = new Map<string, ScheduledDay>();
    for (const r of loaded.rows) {
      if (by === 'day' && r.day !== rowKey) continue;
      const d = byDay.get(r.day) ?? { day: r.day, sourceOpen: 0, rowElapsed: 0 };
      d.sourceOpen += r.open;
      if (r.inWindow && mine.has(r.agentId)) d.rowElapsed += r.elapsed;
      byDay.set(r.day, d);
    }
    return dueDays([...byDay.values()], loaded.normal);
  }

  private load(source: string, scope: Scope, agents: string[]): Promise<Loaded> {
    let p = this.loaded.get(source);
    if (!p) this.loaded.set(source, (p = this.query(scope, agents)));
    return p;
  }

  private async query(scope: Scope, agents: string[]): Promise<Loaded> {
    // Without tz an enterprise's days are each agent's site's own (as the KPI day rows are):
    // $1 NULL = each agent's site zone, as the agents table maps it now.
    const tz = this.tz ?? (scope.kind === 'enterprise' ? null : this.org.timezoneOfSite(siteOf(this.org, scope) ?? ''));
    const refFrom = Math.min(this.from, this.asOf - REFERENCE_DAYS * DAY_MS);
    const rows: { day: string; agent_id: string; open: string | number; elapsed: string | number; in_window: boolean }[] = await this.db.query(
      `SELECT to_char((s.start_at AT TIME ZONE COALESCE($1::text, st.timezone, 'UTC'))::date, 'YYYY-MM-DD') AS day, s.agent_id,
              sum(extract(epoch FROM s.end_at - s.start_at)) AS open,
              sum(greatest(0, extract(epoch FROM least(s.end_at, $5::timestamptz) - s.start_at))) AS elapsed,
              s.start_at >= $6::timestamptz AS in_window
         FROM schedule_segments s LEFT JOIN agents a ON a.id = s.agent_id LEFT JOIN sites st ON st.id = a.site_id
        WHERE s.agent_id = ANY($2) AND s.activity = 'open' AND s.start_at >= $3 AND s.start_at < $4 AND s.end_at > s.start_at
        GROUP BY 1, 2, 5`,
      [tz, agents, iso(refFrom), iso(this.to), iso(this.asOf), iso(this.from)],
    );
    const out: AgentDay[] = rows.map((r) => ({ day: r.day, agentId: r.agent_id, open: Number(r.open), elapsed: Number(r.elapsed), inWindow: r.in_window === true }));
    const perDay = new Map<string, number>();
    for (const r of out) perDay.set(r.day, (perDay.get(r.day) ?? 0) + r.open);
    return { normal: normalDayOpenSeconds([...perDay.values()]), rows: out };
  }
}

const iso = (t: number): string => new Date(t).toISOString();

function agentsOf(org: IndexedOrg, scope: Scope): string[] | null {
  const all = org.org.agents;
  switch (scope.kind) {
    case 'enterprise':
      return all.map((a) => a.id);
    case 'site':
      return all.filter((a) => a.siteId === scope.id).map((a) => a.id);
    case 'team':
      return all.filter((a) => a.teamId === scope.id).map((a) => a.id);
    case 'agent':
      return [scope.id];
    case 'queue':
      return null;
  }
}

function siteOf(org: IndexedOrg, scope: Scope): string | undefined {
  switch (scope.kind) {
    case 'site':
      return scope.id;
    case 'team':
      return org.siteOfTeam(scope.id);
    case 'agent':
      return org.siteOfAgent(scope.id);
    default:
      return undefined;
  }
}
