import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { CreateUserRequest, Me, Role, UserView } from '@floorwatch/contracts';
import bcrypt from 'bcryptjs';
import { DataSource } from 'typeorm';

interface UserRow {
  username: string;
  password_hash: string;
  roles: Role[];
  agent_id: string | null;
  team_ids: string[];
  site_ids: string[];
}

export type UserPatch = Partial<Omit<CreateUserRequest, 'username'>>;

const BCRYPT_ROUNDS = 10;
export const DEMO_PASSWORD = 'floorwatch';

function view(row: UserRow): UserView {
  return { username: row.username, roles: row.roles, agentId: row.agent_id, teamIds: row.team_ids, siteIds: row.site_ids };
}

@Injectable()
export class UsersService {
  private readonly log = new Logger('Users');

  constructor(private readonly db: DataSource) {}

  async findWithHash(username: string): Promise<(UserView & { passwordHash: string }) | null> {
    const rows: UserRow[] = await this.db.query('SELECT * FROM users WHERE username = $1', [username]);
    return rows[0] ? { ...view(rows[0]), passwordHash: rows[0].password_hash } : null;
  }

  async me(username: string): Promise<Me | null> {
    const rows: UserRow[] = await this.db.query('SELECT * FROM users WHERE username = $1', [username]);
    return rows[0] ? view(rows[0]) : null;
  }

  async list(): Promise<UserView[]> {
    const rows: UserRow[] = await this.db.query('SELECT * FROM users ORDER BY username');
    return rows.map(view);
  }

  async count(): Promise<number> {
    const rows: { n: string }[] = await this.db.query('SELECT count(*) AS n FROM users');
    return Number(rows[0]?.n ?? 0);
  }

  async createUser(user: CreateUserRequest): Promise<UserView> {
    const hash = await bcrypt.hash(user.password, BCRYPT_ROUNDS);
    const rows: UserRow[] = await this.db.query(
      `INSERT INTO users (username, password_hash, roles, agent_id, team_ids, site_ids)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING RETURNING *`,
      [user.username, hash, user.roles, user.agentId, user.teamIds, user.siteIds],
    );
    if (!rows[0]) throw new ConflictException(`user ${user.username} already exists`);
    return view(rows[0]);
  }

  async updateUser(username: string, patch: UserPatch): Promise<UserView> {
    const current = await this.findWithHash(username);
    if (!current) throw new NotFoundException(`no user ${username}`);
    const hash = patch.password === undefined ? current.passwordHash : await bcrypt.hash(patch.password, BCRYPT_ROUNDS);
    // TypeORM returns [rows, affected] for an UPDATE on PostgreSQL.
    const [rows]: [UserRow[], number] = await this.db.query(
      `UPDATE users SET password_hash = $2, roles = $3, agent_id = $4, team_ids = $5, site_ids = $6, updated_at = now()
       WHERE username = $1 RETURNING *`,
      [
        username,
        hash,
        patch.roles ?? current.roles,
        patch.agentId === undefined ? current.agentId : patch.agentId,
        patch.teamIds ?? current.teamIds,
        patch.siteIds ?? current.siteIds,
      ],
    );
    return view(rows[0]);
  }

  /**
   * Demo mode: one user per role, password `floorwatch` (spec/interfaces.md). The agent is the
   * first agent of the first site that has agents, the lead leads that agent's team. Existing
   * users are left alone, so restarting demo mode never resets a changed password.
   */
  async ensureDemoUsers(): Promise<UserView[]> {
    const rows: { agent_id: string; team_id: string | null }[] = await this.db.query(
      `SELECT a.id AS agent_id, a.team_id FROM agents a JOIN sites s ON s.id = a.site_id
       WHERE s.id <> 'unassigned' ORDER BY s.id, a.team_id NULLS LAST, a.id LIMIT 1`,
    );
    const agentId = rows[0]?.agent_id ?? null;
    const teamIds = rows[0]?.team_id ? [rows[0].team_id] : [];
    const demo: Omit<CreateUserRequest, 'password'>[] = [
      { username: 'agent', roles: ['agent'], agentId, teamIds: [], siteIds: [] },
      { username: 'lead', roles: ['team_leader'], agentId: null, teamIds, siteIds: [] },
      { username: 'manager', roles: ['manager'], agentId: null, teamIds: [], siteIds: [] },
      { username: 'desk', roles: ['control_desk'], agentId: null, teamIds: [], siteIds: [] },
      { username: 'admin', roles: ['admin'], agentId: null, teamIds: [], siteIds: [] },
    ];
    const out: UserView[] = [];
    for (const user of demo) {
      const existing = await this.me(user.username);
      out.push(existing ?? (await this.createUser({ ...user, password: DEMO_PASSWORD })));
    }
    if (teamIds[0]) await this.db.query('UPDATE teams SET leader_user_id = $2 WHERE id = $1 AND leader_user_id IS NULL', [teamIds[0], 'lead']);
    return out;
  }

  /** Real-data first start: an admin with a one-time random password, returned once to print. */
  async ensureFirstAdmin(): Promise<{ username: string; password: string } | null> {
    if ((await this.count()) > 0) return null;
    const password = randomPassword();
    await this.createUser({ username: 'admin', password, roles: ['admin'], agentId: null, teamIds: [], siteIds: [] });
    this.log.log('created the first admin user');
    return { username: 'admin', password };
  }
}

function randomPassword(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
}
