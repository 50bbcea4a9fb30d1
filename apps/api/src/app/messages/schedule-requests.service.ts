import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { Me, ScheduleChangeRequest } from '@floorwatch/contracts';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import { mayDo } from '../auth/permissions';
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

  /**
   * The caller's own requests, those of the agents of the teams they lead, or all for an admin:
   * a schedule change is personal (a reason, a day off), not for every manager or the desk who
   * may read the agent's KPIs.
   */
  async list(user: Me, org: IndexedOrg): Promise<ScheduleChangeRequest[]> {
    const all = user.roles.includes('admin');
    const agents = org.org.agents.filter((a) => this.leads(user, a.id, org)).map((a) => a.id);
    const rows: RequestRow[] = await this.db.query(
      `SELECT * FROM schedule_change_requests WHERE $3 OR requested_by = $1 OR agent_id = ANY($2::text[])
       ORDER BY created_at DESC, id LIMIT 500`,
      [user.username, agents, all],
    );
    return rows.map(toRequest);
  }

  /** Does `user` lead `agentId` as a team leader (their team) or as an admin? */
  private leads(user: Me, agentId: string, org: IndexedOrg): boolean {
    if (user.roles.includes('admin')) return true;
    const team = org.teamOfAgent(agentId);
    return user.roles.includes('team_leader') && team != null && user.teamIds.includes(team);
  }

  async decide(user: Me, id: string, d: z.output<typeof decisionSchema>, org: IndexedOrg): Promise<ScheduleChangeRequest> {
    const rows: RequestRow[] = await this.db.query('SELECT * FROM schedule_change_requests WHERE id = $1', [id]);
    const current = rows[0];
    const visible = current && (current.requested_by === user.username || this.leads(user, current.agent_id, org));
    if (!current || !visible) throw new NotFoundException(`no schedule-change request ${id}`);
    // The decision belongs to the agent's team leader (or an admin), not to the requester.
    if (!mayDo(user, 'schedule-requests:decide') || !this.leads(user, current.agent_id, org)) {
      throw new ForbiddenException(`${user.username} may not decide requests of agent ${current.agent_id}`);
    }
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
