import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Order-free queue_log (feeds.md, apps/api/src/app/ingest/queue-log/): the accepted lines are kept
 * (parsed columns + the cleaned text), and contacts and agent states are re-derived from them per
 * touched call and per touched agent span, so records are a function of the set of lines.
 * - queue_log_lines: one row per distinct cleaned line (its hash is the key: a re-sent line, or
 *   the same line behind a NUL, is stored once).
 * - queue_log_open_calls: calls whose lines do not end them yet (`incomplete` once 4 h old).
 * - queue_log_agent_checkpoints: an agent's state machine after the last line of an hour, so a
 *   late line replays the agent from the checkpoint before it, not from the start of history.
 * - queue_log_dirty_agents: agent spans to re-derive, committed with the lines that touched them
 *   (a run cut by kill -9 or a lost connection leaves them for the next run to finish).
 */
export class QueueLogLines1795900000000 implements MigrationInterface {
  name = 'QueueLogLines1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE queue_log_lines (
      line_hash uuid PRIMARY KEY,
      at timestamptz NOT NULL,
      call_id text,
      agent_ref text,
      text text NOT NULL,
      source text NOT NULL,
      line_number integer NOT NULL
    )`);
    await q.query('CREATE INDEX queue_log_lines_call_idx ON queue_log_lines (call_id) WHERE call_id IS NOT NULL');
    await q.query('CREATE INDEX queue_log_lines_agent_idx ON queue_log_lines (agent_ref, at) WHERE agent_ref IS NOT NULL');
    await q.query('CREATE INDEX queue_log_lines_at_idx ON queue_log_lines (at)');
    await q.query(`CREATE TABLE queue_log_open_calls (
      call_id text PRIMARY KEY,
      queue_ref text NOT NULL,
      entered_at timestamptz NOT NULL,
      answered boolean NOT NULL,
      source text NOT NULL,
      line_number integer NOT NULL,
      raw text NOT NULL
    )`);
    await q.query('CREATE INDEX queue_log_open_calls_entered_idx ON queue_log_open_calls (entered_at)');
    await q.query(`CREATE TABLE queue_log_agent_checkpoints (
      agent_ref text NOT NULL,
      at timestamptz NOT NULL,
      snapshot jsonb NOT NULL,
      PRIMARY KEY (agent_ref, at)
    )`);
    await q.query(`CREATE TABLE queue_log_dirty_agents (
      agent_ref text PRIMARY KEY,
      from_at timestamptz NOT NULL
    )`);
    // Re-deriving a call replaces its contacts by call id.
    await q.query('CREATE INDEX contacts_contact_id_idx ON contacts (contact_id, source)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS contacts_contact_id_idx');
    for (const t of ['queue_log_dirty_agents', 'queue_log_agent_checkpoints', 'queue_log_open_calls', 'queue_log_lines']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
