import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { Me, ScheduleChangeRequest } from '@floorwatch/contracts';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { mayDo, mayRead } from '../auth/permissions';
import type { IndexedOrg } from '../org/org-lookup';
import type { createScheduleRequestSchema, decisionSchema } from './messages.dto';

interface RequestRow {
  id: string;
  agent_id: string;
  requested_by: string;
  day: string | Date;
  description: string;
  shift_minutes: number | null;
  activity: string | null;
  status: ScheduleChangeRequest['status'];
  decided_by: string | null;
  decision_note: string | null;
  created_at: Date;
}

function toRequest(r: RequestRow): ScheduleChangeRequest {
  return {
    id: r.id,
    agentId: r.agent_id,
    requestedBy: r.requested_by,
    day: typeof r.day === 'string' ? r.day : r.day.toISOString().slice(0, 10),
    description: r.description,
    shiftMinutes: r.shift_minutes,
    activity: r.activity,
    status: r.status,
    decidedBy: r.decided_by,
    decisionNote: r.decision_note,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

/** Agents ask for a schedule change for themselves; their team leader approves or declines. */
@Injectable()
export class ScheduleRequestsService {
  constructor(private readonly db: DataSource) {}

  async create(user: Me, req: z.output<typeof createScheduleRequestSchema>): Promise<ScheduleChangeRequest> {
    if (!mayDo(user, 'schedule-requests:create') || !user.agentId) {
      throw new ForbiddenException(`${user.username} may not request schedule changes (only an agent, for themselves)`);
    }
    const rows: RequestRow[] = await this.db.query(
      `INSERT INTO schedule_change_requests (agent_id, requested_by, day, description, shift_minutes, activity)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [user.agentId, user.username, req.day, req.description, req.shiftMinutes ?? null, req.activity ?? null],
    );
    return toRequest(rows[0]);
  }

  /** The caller's own requests, plus those of every agent they may read (a lead: their teams). */
  async list(user: Me, org: IndexedOrg): Promise<ScheduleChangeRequest[]> {
    const agents = org.org.agents.filter((a) => mayRead(user, { kind: 'agent', id: a.id }, org).ok).map((a) => a.id);
    const rows: RequestRow[] = await this.db.query(
      `SELECT * FROM schedule_change_requests WHERE requested_by = $1 OR agent_id = ANY($2::text[])
       ORDER BY created_at DESC, id LIMIT 500`,
      [user.username, agents],
    );
    return rows.map(toRequest);
  }

  async decide(user: Me, id: string, d: z.output<typeof decisionSchema>, org: IndexedOrg): Promise<ScheduleChangeRequest> {
    const rows: RequestRow[] = await this.db.query('SELECT * FROM schedule_change_requests WHERE id = $1', [id]);
    const current = rows[0];
    const visible = current && mayRead(user, { kind: 'agent', id: current.agent_id }, org).ok;
    if (!current || !visible) throw new NotFoundException(`no schedule-change request ${id}`);
    // The decision belongs to the agent's team leader (or an admin), not to whoever can read it.
    const leads = user.roles.includes('admin') || (mayDo(user, 'schedule-requests:decide') && user.teamIds.includes(org.teamOfAgent(current.agent_id) ?? ''));
    if (!leads) throw new ForbiddenException(`${user.username} may not decide requests of agent ${current.agent_id}`);
    // TypeORM returns [rows, affected] for an UPDATE on PostgreSQL.
    const [updated]: [RequestRow[], number] = await this.db.query(
      `UPDATE schedule_change_requests SET status = $2, decided_by = $3, decision_note = $4, decided_at = now()
       WHERE id = $1 AND status = 'pending' RETURNING *`,
      [id, d.decision, user.username, d.note ?? null],
    );
    if (!updated[0]) throw new ConflictException(`request ${id} was already ${current.status}`);
    return toRequest(updated[0]);
  }
}
