import type { CorrectiveAction } from '@floorwatch/contracts';
import type { DataSource } from 'typeorm';
import { DEFAULT_CAUSE_CODES } from './actions.dto';

/** The stored record (libs/contracts, shared with the web client). */
export type ActionRow = CorrectiveAction;

interface Raw {
  id: string;
  alert_id: string | null;
  kpi: string;
  scope: string;
  cause_code: string;
  description: string;
  owner: string;
  created_by: string;
  created_at: Date;
  effective_at: Date;
  due_at: Date;
  status: ActionRow['status'];
  closed_at: Date | null;
}

const iso = (d: Date) => new Date(d).toISOString();
const toRow = (r: Raw): ActionRow => ({
  id: r.id, alertId: r.alert_id, kpi: r.kpi, scope: r.scope, causeCode: r.cause_code, description: r.description, owner: r.owner,
  createdBy: r.created_by, createdAt: iso(r.created_at), effectiveAt: iso(r.effective_at), dueAt: iso(r.due_at), status: r.status,
  closedAt: r.closed_at ? iso(r.closed_at) : null,
});

export const CAUSE_CODES_KEY = 'action.causeCodes';

/** SQL of corrective actions and the cause-code list (API and CLI). */
export class ActionStore {
  constructor(private readonly db: DataSource) {}

  async causeCodes(): Promise<string[]> {
    const rows: { value: string[] }[] = await this.db.query('SELECT value FROM settings WHERE key = $1', [CAUSE_CODES_KEY]);
    return rows[0]?.value ?? DEFAULT_CAUSE_CODES;
  }

  async setCauseCodes(codes: string[]): Promise<string[]> {
    await this.db.query(
      `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, now()) ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = now()`,
      [CAUSE_CODES_KEY, JSON.stringify(codes)],
    );
    return codes;
  }

  async insert(a: Omit<ActionRow, 'id' | 'createdAt' | 'status' | 'closedAt'>): Promise<ActionRow> {
    const rows: Raw[] = await this.db.query(
      `INSERT INTO corrective_actions (alert_id, kpi, scope, cause_code, description, owner, created_by, effective_at, due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [a.alertId, a.kpi, a.scope, a.causeCode, a.description, a.owner, a.createdBy, a.effectiveAt, a.dueAt],
    );
    return toRow(rows[0]);
  }

  async get(id: string): Promise<ActionRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows: Raw[] = await this.db.query('SELECT * FROM corrective_actions WHERE id = $1', [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async list(from?: number, to?: number): Promise<ActionRow[]> {
    const rows: Raw[] = await this.db.query(
      `SELECT * FROM corrective_actions WHERE ($1::timestamptz IS NULL OR effective_at >= $1) AND ($2::timestamptz IS NULL OR effective_at < $2)
       ORDER BY effective_at DESC, id LIMIT 2000`,
      [from === undefined ? null : new Date(from), to === undefined ? null : new Date(to)],
    );
    return rows.map(toRow);
  }

  async update(a: ActionRow): Promise<ActionRow> {
    const [rows]: [Raw[], number] = await this.db.query(
      `UPDATE corrective_actions SET status = $2, description = $3, owner = $4, due_at = $5, effective_at = $6, closed_at = $7 WHERE id = $1 RETURNING *`,
      [a.id, a.status, a.description, a.owner, a.dueAt, a.effectiveAt, a.closedAt],
    );
    return toRow(rows[0]);
  }
}
