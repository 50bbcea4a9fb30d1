import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { CreateUserRequest, Me, Role, UserView } from '@floorwatch/contracts';
import { DataSource } from 'typeorm';
import { badRequest } from '../common/validation';
import { hashPassword } from './password-hash';

interface UserRow {
  username: string;
  password_hash: string;
  roles: Role[];
  agent_id: string | null;
  team_ids: string[];
  site_ids: string[];
  token_version: number;
  disabled: boolean;
  must_change_password: boolean;
}

export type UserPatch = Partial<Omit<CreateUserRequest, 'username'>> & { mustChangePassword?: boolean };

/** A stored user as the token checks need it: who they are now, and which tokens still hold. */
export interface Account {
  me: Me;
  passwordHash: string;
  tokenVersion: number;
  disabled: boolean;
}

export const DEMO_PASSWORD = 'floorwatch';
export const DEMO_USERNAMES = ['agent', 'lead', 'manager', 'desk', 'admin'] as const;

/** Who a user is and what they reach: the part the admin view and the signed-in user share. */
function identity(row: UserRow): Pick<Me, 'username' | 'roles' | 'agentId' | 'teamIds' | 'siteIds'> {
  return { username: row.username, roles: row.roles, agentId: row.agent_id, teamIds: row.team_ids, siteIds: row.site_ids };
}

function view(row: UserRow): UserView {
  return { ...identity(row), ...(row.disabled ? { disabled: true } : {}) };
}

function meOf(row: UserRow): Me {
  return { ...identity(row), ...(row.must_change_password ? { mustChangePassword: true } : {}) };
}

function account(row: UserRow): Account {
  return { me: meOf(row), passwordHash: row.password_hash, tokenVersion: row.token_version, disabled: row.disabled };
}

@Injectable()
export class UsersService {
  private readonly log = new Logger('Users');

  constructor(private readonly db: DataSource) {}

  async account(username: string): Promise<Account | null> {
    const rows: UserRow[] = await this.db.query('SELECT * FROM users WHERE username = $1', [username]);
    return rows[0] ? account(rows[0]) : null;
  }

  /** Several accounts in one query (the live gateway re-checks every connected user this way). */
  async accounts(usernames: string[]): Promise<Map<string, Account>> {
    if (usernames.length === 0) return new Map();
    const rows: UserRow[] = await this.db.query('SELECT * FROM users WHERE username = ANY($1::text[])', [usernames]);
    return new Map(rows.map((r) => [r.username, account(r)]));
  }

  async me(username: string): Promise<Me | null> {
    return (await this.account(username))?.me ?? null;
  }

  async list(): Promise<UserView[]> {
    const rows: UserRow[] = await this.db.query('SELECT * FROM users ORDER BY username');
    return rows.map(view);
  }

  async count(): Promise<number> {
    const rows: { n: string }[] = await this.db.query('SELECT count(*) AS n FROM users');
    return Number(rows[0]?.n ?? 0);
  }

  async createUser(user: CreateUserRequest & { mustChangePassword?: boolean }): Promise<UserView> {
    const hash = await hashPassword(user.password);
    const rows: UserRow[] = await this.db.query(
      `INSERT INTO users (username, password_hash, roles, agent_id, team_ids, site_ids, must_change_password)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING RETURNING *`,
      [user.username, hash, user.roles, user.agentId, user.teamIds, user.siteIds, user.mustChangePassword ?? false],
    );
    if (!rows[0]) throw new ConflictException(`user ${user.username} already exists`);
    return view(rows[0]);
  }

  /** A new password or disabling the user ends every token issued before (token_version + 1). */
  async updateUser(username: string, patch: UserPatch): Promise<UserView> {
    const current = await this.account(username);
    if (!current) throw new NotFoundException(`no user ${username}`);
    const hash = patch.password === undefined ? current.passwordHash : await hashPassword(patch.password);
    const disabled = patch.disabled ?? current.disabled;
    const revoke = patch.password !== undefined || (disabled && !current.disabled);
    // TypeORM returns [rows, affected] for an UPDATE on PostgreSQL.
    const [rows]: [UserRow[], number] = await this.db.query(
      `UPDATE users SET password_hash = $2, roles = $3, agent_id = $4, team_ids = $5, site_ids = $6, disabled = $7,
         must_change_password = $8, token_version = token_version + $9, updated_at = now()
       WHERE username = $1 RETURNING *`,
      [
        username,
        hash,
        patch.roles ?? current.me.roles,
        patch.agentId === undefined ? current.me.agentId : patch.agentId,
        patch.teamIds ?? current.me.teamIds,
        patch.siteIds ?? current.me.siteIds,
        disabled,
        patch.mustChangePassword ?? (patch.password === undefined ? current.me.mustChangePassword === true : false),
        revoke ? 1 : 0,
      ],
    );
    return view(rows[0]);
  }

  async deleteUser(username: string): Promise<void> {
    const [rows]: [UserRow[], number] = await this.db.query('DELETE FROM users WHERE username = $1 RETURNING username', [username]);
    if (rows.length === 0) throw new NotFoundException(`no user ${username}`);
    await this.db.query('UPDATE teams SET leader_user_id = NULL WHERE leader_user_id = $1', [username]);
  }

  /** Logout: every token of the user, this one included, is refused from now on. */
  async revokeTokens(username: string): Promise<void> {
    await this.db.query('UPDATE users SET token_version = token_version + 1 WHERE username = $1', [username]);
  }

  /** The user's own change (current password already checked): older tokens die, the flag clears. */
  async setOwnPassword(username: string, password: string): Promise<Account> {
    if (password === DEMO_PASSWORD) throw badRequest('newPassword', 'must not be the demo password');
    const hash = await hashPassword(password);
    const [rows]: [UserRow[], number] = await this.db.query(
      `UPDATE users SET password_hash = $2, must_change_password = false, token_version = token_version + 1, updated_at = now()
       WHERE username = $1 RETURNING *`,
      [username, hash],
    );
    if (!rows[0]) throw new NotFoundException(`no user ${username}`);
    return account(rows[0]);
  }

  /** Replaces an old-kind hash (bcrypt) once the password has been seen; tokens stay valid. */
  async replaceHash(username: string, oldHash: string, password: string): Promise<void> {
    const hash = await hashPassword(password);
    await this.db.query('UPDATE users SET password_hash = $3 WHERE username = $1 AND password_hash = $2', [username, oldHash, hash]);
  }

  /**
   * Demo mode: one user per role, password `floorwatch` (spec/interfaces.md). The agent is the
   * first agent of the first site that has agents, the lead leads that agent's team; the manager
   * has explicit enterprise reach. Existing users are left alone, so restarting demo mode never
   * resets a changed password.
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
      { username: 'manager', roles: ['manager'], agentId: null, teamIds: [], siteIds: ['*'] },
      { username: 'desk', roles: ['control_desk'], agentId: null, teamIds: [], siteIds: [] },
      { username: 'admin', roles: ['admin'], agentId: null, teamIds: [], siteIds: [] },
    ];
    const out: UserView[] = [];
    for (const user of demo) {
      const existing = await this.account(user.username);
      out.push(existing ? { ...existing.me } : await this.createUser({ ...user, password: DEMO_PASSWORD }));
    }
    if (teamIds[0]) await this.db.query('UPDATE teams SET leader_user_id = $2 WHERE id = $1 AND leader_user_id IS NULL', [teamIds[0], 'lead']);
    return out.map(({ username, roles, agentId: a, teamIds: t, siteIds: s }) => ({ username, roles, agentId: a, teamIds: t, siteIds: s }));
  }

  /**
   * Real-data first start: an admin with a one-time random password, returned once to print; it
   * must be changed at the first login (nothing else is allowed until then).
   */
  async ensureFirstAdmin(): Promise<{ username: string; password: string } | null> {
    if ((await this.count()) > 0) return null;
    const password = randomPassword();
    await this.createUser({ username: 'admin', password, roles: ['admin'], agentId: null, teamIds: [], siteIds: [], mustChangePassword: true });
    this.log.log('created the first admin user');
    return { username: 'admin', password };
  }
}

function randomPassword(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
}
