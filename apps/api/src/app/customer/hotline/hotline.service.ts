import { ConflictException, Injectable, NotFoundException, Optional } from '@nestjs/common';
import { DEFAULT_HOTLINE_CAUSE_CODES, type HotlineCase, type HotlineRule, type HotlineSummary, type Me, type Scope } from '@floorwatch/contracts';
import { DEFAULT_HOTLINE_RULES, HOTLINE_TARGET_SECONDS, hotlineKpis, transitionError, type HotlineKpis } from '@floorwatch/kpi';
import { TZDate } from '@date-fns/tz';
import type { z } from 'zod';
import { enforce } from '../../auth/authorize';
import { mayActOnCase, mayReadCase } from '../../auth/permissions';
import { SCOPE_COLUMN } from '../../database/record-sql';
import { RecordStore } from '../../database/record-store';
import { IngestService } from '../../ingest/ingest.service';
import { HOTLINE_RULES_KEY } from './hotline-raiser';
import { CASE_COLUMNS, CASE_SELECT, returnedRows, toCase, type CaseRow } from './hotline-sql';
import type { transitionSchema } from './hotline.dto';

export const HOTLINE_CAUSE_CODES_KEY = 'hotline.causeCodes';

export interface CaseFilter {
  state?: HotlineCase['state'];
  scope?: Scope;
  from?: number;
  to?: number;
}

export interface HotlineReport {
  month: string;
  scope: string;
  tz: string;
  rows: HotlineReportRow[];
  kpis: HotlineKpis;
}
export interface HotlineReportRow {
  id: string;
  customer: string | null;
  description: string;
  detectedAt: string;
  acknowledgedAt: string | null;
  actionedAt: string | null;
  closedAt: string | null;
  causeCode: string | null;
  action: string | null;
  resolution: string | null;
  agent: string | null;
  team: string | null;
  site: string | null;
  state: string;
}

const place = (c: HotlineCase) => ({ agentId: c.attribution?.agentId ?? null, teamId: c.attribution?.teamId ?? null, siteId: c.attribution?.siteId ?? null });

/** What an agent may see of a case: its own response's case state, never the customer key. */
export function forViewer(user: Me, c: HotlineCase): HotlineCase {
  const broad = user.roles.some((r) => r !== 'agent' && mayReadCase({ ...user, roles: [r] }, place(c)).ok);
  if (broad) return c;
  const rest: HotlineCase = { ...c };
  delete rest.customerKey;
  return rest;
}

/** HOTLINE cases: list, read, lifecycle with audit, reassignment, rules, monthly report (access checked here per case). */
@Injectable()
export class HotlineService {
  constructor(
    private readonly store: RecordStore,
    @Optional() private readonly ingest?: IngestService,
  ) {}

  async list(user: Me, f: CaseFilter, limit = 1000): Promise<HotlineCase[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.state) where.push(`state = $${params.push(f.state)}`);
    if (f.scope && f.scope.kind !== 'enterprise') where.push(`${SCOPE_COLUMN[f.scope.kind]} = $${params.push(f.scope.id)}`);
    if (f.from !== undefined) where.push(`responded_at >= $${params.push(new Date(f.from))}`);
    if (f.to !== undefined) where.push(`responded_at < $${params.push(new Date(f.to))}`);
    const rows = await this.store.query<CaseRow>(`${CASE_SELECT}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY raised_at DESC, id LIMIT ${limit}`, params);
    return rows.map(toCase).filter((c) => mayReadCase(user, place(c)).ok).map((c) => forViewer(user, c));
  }

  /**
   * The manager's HOTLINE summary: the backlog at asOf (not closed then, whatever its
   * respondedAt; overdue = raised ≥ 48 h before) beside the period's cycle KPIs, both over the
   * cases in scope the caller may read.
   */
  async summary(user: Me, scope: Scope, from: number, to: number, asOf: number): Promise<HotlineSummary> {
    const readable = async (where: string, params: unknown[]): Promise<HotlineCase[]> => {
      if (scope.kind !== 'enterprise') where += ` AND ${SCOPE_COLUMN[scope.kind]} = $${params.push(scope.id)}`;
      const rows = await this.store.query<CaseRow>(`${CASE_SELECT} WHERE ${where}`, params);
      return rows.map(toCase).filter((c) => mayReadCase(user, place(c)).ok);
    };
    // As customer.md selects cases, by their response (a backfill may raise one after asOf: it counts).
    const backlog = await readable('responded_at <= $1 AND (closed_at IS NULL OR closed_at > $1)', [new Date(asOf)]);
    const inPeriod = await readable('responded_at >= $1 AND responded_at < $2', [new Date(from), new Date(to)]);
    const raised = backlog.map((c) => Date.parse(c.raisedAt));
    const t = (s: string | null): number | null => (s === null ? null : Date.parse(s));
    return {
      scope: scope.kind === 'enterprise' ? 'enterprise' : `${scope.kind}:${scope.id}`,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      asOf: new Date(asOf).toISOString(),
      openNow: backlog.length,
      overdueNow: raised.filter((r) => r + HOTLINE_TARGET_SECONDS * 1000 <= asOf).length,
      oldestOpenRaisedAt: raised.length ? new Date(Math.min(...raised)).toISOString() : null,
      period: hotlineKpis(inPeriod.map((c) => ({ raisedAt: Date.parse(c.raisedAt), acknowledgedAt: t(c.acknowledgedAt), closedAt: t(c.closedAt) })), asOf),
    };
  }

  async get(user: Me, id: string): Promise<HotlineCase> {
    const c = await this.load(id);
    enforce(mayReadCase(user, place(c)));
    return forViewer(user, c);
  }

  async causeCodes(): Promise<string[]> {
    return (await this.store.getSetting<string[]>(HOTLINE_CAUSE_CODES_KEY)) ?? [...DEFAULT_HOTLINE_CAUSE_CODES];
  }

  /** One step of the lifecycle, stamped with the user and the server's time; 409 when the step is not allowed. */
  async transition(user: Me, id: string, t: z.output<typeof transitionSchema>, now = Date.now()): Promise<HotlineCase> {
    const causes = await this.causeCodes();
    return this.store.transaction(async (tx) => {
      const [row] = await tx.query<CaseRow>(`${CASE_SELECT} WHERE id::text = $1 FOR UPDATE`, [id]);
      if (!row) throw new NotFoundException(`no HOTLINE case ${id}`);
      const c = toCase(row);
      enforce(mayReadCase(user, place(c)));
      enforce(mayActOnCase(user, place(c)));
      const err = transitionError(c.state, t, causes);
      if (err) throw new ConflictException(err);
      const at = new Date(now);
      const stamp = t.to === 'acknowledged' ? 'acknowledged_at' : t.to === 'actioned' ? 'actioned_at' : 'closed_at';
      const entry = { to: t.to, by: user.username, at: at.toISOString(), ...(t.note ? { note: t.note } : {}) };
      const [out] = returnedRows<CaseRow>(await tx.query<unknown>(
        `UPDATE hotline_cases SET state = $2, ${stamp} = $3, history = history || $4::jsonb,
           action = coalesce($5, action), cause_code = coalesce($6, cause_code), resolution = coalesce($7, resolution)
         WHERE id::text = $1 RETURNING ${CASE_COLUMNS}`,
        [id, t.to, at, JSON.stringify([entry]), t.to === 'actioned' ? t.action : null, t.to === 'closed' ? t.causeCode : null, t.to === 'closed' ? t.resolution : null],
      ));
      return toCase(out);
    });
  }

  /** Managers (and admin) move an open case to other users; the change is in its history and pushed live. */
  async reassign(user: Me, id: string, assignedTo: string[], note: string | undefined, now = Date.now()): Promise<HotlineCase> {
    const c = await this.load(id);
    enforce(mayReadCase(user, place(c)));
    if (c.state === 'closed') throw new ConflictException('a closed case cannot be reassigned');
    const known = await this.store.query<{ username: string }>('SELECT username FROM users WHERE username = ANY($1::text[])', [assignedTo]);
    const missing = assignedTo.filter((u) => !known.some((k) => k.username === u));
    if (missing.length) throw new ConflictException(`unknown user(s): ${missing.join(', ')}`);
    const entry = { to: 'assigned', by: user.username, at: new Date(now).toISOString(), note: note ?? `assigned to ${assignedTo.join(', ')}` };
    const [row] = returnedRows<CaseRow>(await this.store.query<unknown>(
      `UPDATE hotline_cases SET assigned_to = $2::jsonb, history = history || $3::jsonb WHERE id::text = $1 RETURNING ${CASE_COLUMNS}`,
      [id, JSON.stringify(assignedTo), JSON.stringify([entry])],
    ));
    const out = toCase(row);
    this.ingest?.customer.hotline.cases$.next(out);
    return out;
  }

  async rules(): Promise<HotlineRule[]> {
    return (await this.store.getSetting<HotlineRule[]>(HOTLINE_RULES_KEY)) ?? [...DEFAULT_HOTLINE_RULES];
  }

  /** For later ingests only: cases already raised keep their rules. */
  async setRules(rules: HotlineRule[]): Promise<HotlineRule[]> {
    await this.store.setSetting(HOTLINE_RULES_KEY, rules);
    return rules;
  }

  /** The month's cases (by respondedAt, in tz) and older ones still open at its start; footer: the month's KPIs. */
  async report(user: Me, month: string, scope: Scope | undefined, tz = 'UTC', now = Date.now()): Promise<HotlineReport> {
    const [y, m] = month.split('-').map(Number);
    const start = new TZDate(y, m - 1, 1, tz).getTime();
    const end = new TZDate(y, m, 1, tz).getTime();
    const params: unknown[] = [new Date(start), new Date(end)];
    let where = `((responded_at >= $1 AND responded_at < $2) OR (responded_at < $1 AND (closed_at IS NULL OR closed_at >= $1)))`;
    if (scope && scope.kind !== 'enterprise') where += ` AND ${SCOPE_COLUMN[scope.kind]} = $${params.push(scope.id)}`;
    const rows = await this.store.query<CaseRow>(`${CASE_SELECT} WHERE ${where} ORDER BY responded_at, id`, params);
    const cases = rows.map(toCase).filter((c) => mayReadCase(user, place(c)).ok);
    const inMonth = cases.filter((c) => Date.parse(c.respondedAt) >= start && Date.parse(c.respondedAt) < end);
    // Judged when the report is made: a March case closed in April is closed in April's copy of March's report.
    const asOf = now;
    const t = (s: string | null): number | null => (s === null ? null : Date.parse(s));
    return {
      month,
      scope: scope ? (scope.kind === 'enterprise' ? 'enterprise' : `${scope.kind}:${scope.id}`) : 'enterprise',
      tz,
      rows: cases.map((c) => {
        const v = forViewer(user, c);
        return {
          id: c.id, customer: v.customerKey ?? null, description: `${c.rules.join(', ')}${c.comment ? `: ${c.comment}` : ''}`, detectedAt: c.raisedAt,
          acknowledgedAt: c.acknowledgedAt, actionedAt: c.actionedAt, closedAt: c.closedAt, causeCode: c.causeCode, action: c.action, resolution: c.resolution,
          agent: c.attribution?.agentId ?? null, team: c.attribution?.teamId ?? null, site: c.attribution?.siteId ?? null, state: c.state,
        };
      }),
      kpis: hotlineKpis(inMonth.map((c) => ({ raisedAt: Date.parse(c.raisedAt), acknowledgedAt: t(c.acknowledgedAt), closedAt: t(c.closedAt) })), asOf),
    };
  }

  private async load(id: string): Promise<HotlineCase> {
    const [row] = await this.store.query<CaseRow>(`${CASE_SELECT} WHERE id::text = $1`, [id]);
    if (!row) throw new NotFoundException(`no HOTLINE case ${id}`);
    return toCase(row);
  }
}

const CSV_COLUMNS: (keyof HotlineReportRow)[] = ['id', 'customer', 'description', 'detectedAt', 'acknowledgedAt', 'actionedAt', 'closedAt', 'causeCode', 'action', 'resolution', 'agent', 'team', 'site', 'state'];
const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The report as CSV: one row per case, then a blank line and the month's KPIs as `kpi,value` lines. */
export function hotlineReportCsv(r: HotlineReport): string {
  const lines = [CSV_COLUMNS.join(','), ...r.rows.map((row) => CSV_COLUMNS.map((c) => cell(row[c])).join(','))];
  lines.push('', 'kpi,value', ...Object.entries(r.kpis).map(([k, v]) => `${k},${v === null ? '' : v}`));
  return lines.join('\n') + '\n';
}
