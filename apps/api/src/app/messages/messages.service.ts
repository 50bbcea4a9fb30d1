import { Injectable, NotFoundException } from '@nestjs/common';
import { formatScope, type Me, type Message } from '@floorwatch/contracts';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { IndexedOrg } from '../org/org-lookup';
import { audienceScopes } from './audience';
import { MessageBus } from './message-bus';
import type { sendMessageSchema } from './messages.dto';

interface MessageRow {
  id: string;
  from_user: string;
  to_scope: string;
  kind: Message['kind'];
  subject: string;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

const SELECT = `SELECT m.id, m.from_user, m.to_scope, m.kind, m.subject, m.body, m.created_at, r.read_at
  FROM messages m LEFT JOIN message_reads r ON r.message_id = m.id AND r.username = $1`;

function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    from: r.from_user,
    toScope: r.to_scope,
    kind: r.kind,
    subject: r.subject,
    body: r.body,
    createdAt: new Date(r.created_at).toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
  };
}

/** Messages and alerts down the line, with read/unread per user. Sending permission is the controller's. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly db: DataSource,
    private readonly bus: MessageBus,
  ) {}

  async send(user: Me, req: z.output<typeof sendMessageSchema>): Promise<Message> {
    const rows: { id: string }[] = await this.db.query(
      'INSERT INTO messages (from_user, to_scope, kind, subject, body) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [user.username, formatScope(req.toScope), req.kind, req.subject, req.body],
    );
    const message = await this.byId(user.username, rows[0].id);
    if (!message) throw new Error('message vanished after insert');
    this.bus.publish(message);
    return message;
  }

  /** Messages the user sent or that are addressed to them, newest first. */
  async list(user: Me, org: IndexedOrg, limit = 200): Promise<Message[]> {
    const rows: MessageRow[] = await this.db.query(
      `${SELECT} WHERE m.from_user = $1 OR m.to_scope = ANY($2::text[]) ORDER BY m.created_at DESC, m.id LIMIT $3`,
      [user.username, audienceScopes(user, org), limit],
    );
    return rows.map(toMessage);
  }

  async markRead(user: Me, id: string, org: IndexedOrg): Promise<Message> {
    const message = await this.byId(user.username, id);
    // Someone else's message is "not found", not "forbidden": its existence is not theirs to know.
    if (!message || !(message.from === user.username || audienceScopes(user, org).includes(message.toScope))) {
      throw new NotFoundException(`no message ${id}`);
    }
    await this.db.query('INSERT INTO message_reads (message_id, username) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, user.username]);
    return (await this.byId(user.username, id)) as Message;
  }

  private async byId(username: string, id: string): Promise<Message | null> {
    const rows: MessageRow[] = await this.db.query(`${SELECT} WHERE m.id = $2`, [username, id]);
    return rows[0] ? toMessage(rows[0]) : null;
  }
}
