import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { Me } from '@floorwatch/contracts';
import { adherenceAdjustedPct } from '@floorwatch/kpi';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { mayDo, mayRead } from '../auth/permissions';
import { badRequest } from '../common/validation';
import { KpiQueryService } from '../kpi/kpi-query.service';
import type { IndexedOrg } from '../org/org-lookup';
import { ActionStore } from './action-store';
import type { createExceptionSchema, decideExceptionSchema } from './actions.dto';

export interface AdherenceException {
  id: string;
  agentId: string;
  requestedBy: string;
  start: string;
  end: string;
  causeCode: string;
  note: string;
  status: 'pending' | 'approved' | 'declined';
  decidedBy: string | null;
  decisionNote: string | null;
  createdAt: string;
}

interface Raw {
  id: string; agent_id: string; requested_by: string; start_at: Date; end_at: Date; cause_code: string; note: string;
  status: AdherenceException['status']; decided_by: string | null; decision_note: string | null; created_at: Date;
}
const iso = (d: Date) => new Date(d).toISOString();
const toEx = (r: Raw): AdherenceException => ({
  id: r.id, agentId: r.agent_id, requestedBy: r.requested_by, start: iso(r.start_at), end: iso(r.end_at), causeCode: r.cause_code,
  note: r.note, status: r.status, decidedBy: r.decided_by, decisionNote: r.decision_note, createdAt: iso(r.created_at),
});

/** Agents file adherence exceptions; their team leader decides, as schedule-change requests. */
@Injectable()
export class AdherenceExceptionsService {
  private readonly actions: ActionStore;

  constructor(
    private readonly db: DataSource,
    private readonly kpis: KpiQueryService,
  ) {
    this.actions = new ActionStore(db);
  }

  async create(user: Me, req: z.output<typeof createExceptionSchema>): Promise<AdherenceException> {
    if (!mayDo(user, 'schedule-requests:create') || !user.agentId) {
      throw new ForbiddenException(`${user.username} may not file adherence exceptions (only an agent, for themselves)`);
    }
    if (!(await this.actions.causeCodes()).includes(req.causeCode)) throw badRequest('causeCode', `must be one of the admin's cause codes`);
    const rows: Raw[] = await this.db.query(
      `INSERT INTO adherence_exceptions (agent_id, requested_by, start_at, end_at, cause_code, note) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [user.agentId, user.username, new Date(req.start), new Date(req.end), req.causeCode, req.note],
    );
    return toEx(rows[0]);
  }

  async list(user: Me, org: IndexedOrg): Promise<AdherenceException[]> {
    const agents = org.org.agents.filter((a) => mayRead(user, { kind: 'agent', id: a.id }, org).ok).map((a) => a.id);
    const rows: Raw[] = await this.db.query(
      'SELECT * FROM adherence_exceptions WHERE requested_by = $1 OR agent_id = ANY($2::text[]) ORDER BY start_at DESC, id LIMIT 500',
      [user.username, agents],
    );
    return rows.map(toEx);
  }

  async decide(user: Me, id: string, d: z.output<typeof decideExceptionSchema>, org: IndexedOrg): Promise<AdherenceException> {
    const rows: Raw[] = /^[0-9a-f-]{36}$/i.test(id) ? await this.db.query('SELECT * FROM adherence_exceptions WHERE id = $1', [id]) : [];
    const cur = rows[0];
    if (!cur || !mayRead(user, { kind: 'agent', id: cur.agent_id }, org).ok) throw new NotFoundException(`no adherence exception ${id}`);
    const leads = user.roles.includes('admin') || (mayDo(user, 'schedule-requests:decide') && user.teamIds.includes(org.teamOfAgent(cur.agent_id) ?? ''));
    if (!leads) throw new ForbiddenException(`${user.username} may not decide exceptions of agent ${cur.agent_id}`);
    const [updated]: [Raw[], number] = await this.db.query(
      `UPDATE adherence_exceptions SET status = $2, decided_by = $3, decision_note = $4, decided_at = now() WHERE id = $1 AND status = 'pending' RETURNING *`,
      [id, d.decision, user.username, d.note ?? null],
    );
    if (!updated.length) throw new ConflictException(`adherence exception ${id} is already ${cur.status}`);
    return toEx(updated[0]);
  }

  /**
   * adherencePct (unchanged) beside adherenceAdjustedPct over [from, to): the scheduled seconds
   * out of adherence inside approved exceptions count as in adherence (clipped to the window).
   */
  async adjusted(agentId: string, from: number, to: number, asOf?: number): Promise<{ agent: string; adherencePct: number | null; adherenceAdjustedPct: number | null; approvedExceptionSeconds: number }> {
    const scope = { kind: 'agent' as const, id: agentId };
    const whole = await this.kpis.query({ scope, from, to, asOf });
    const sched = whole.rows[0]?.kpis.scheduledSeconds ?? 0;
    const inAdh = whole.rows[0]?.kpis.inAdherenceSeconds ?? 0;
    const ex: Raw[] = await this.db.query(
      `SELECT * FROM adherence_exceptions WHERE agent_id = $1 AND status = 'approved' AND end_at > $2 AND start_at < $3 ORDER BY start_at`,
      [agentId, new Date(from), new Date(to)],
    );
    let approved = 0;
    let cursor = from;
    for (const e of ex) {
      const s = Math.max(cursor, new Date(e.start_at).getTime(), from);
      const t = Math.min(new Date(e.end_at).getTime(), to);
      if (t <= s) continue;
      const r = await this.kpis.query({ scope, from: s, to: t, asOf });
      approved += (r.rows[0]?.kpis.scheduledSeconds ?? 0) - (r.rows[0]?.kpis.inAdherenceSeconds ?? 0);
      cursor = t; // overlapping exceptions count once
    }
    return { agent: agentId, adherencePct: whole.rows[0]?.kpis.adherencePct ?? null, adherenceAdjustedPct: adherenceAdjustedPct(sched, inAdh, approved), approvedExceptionSeconds: approved };
  }
}
