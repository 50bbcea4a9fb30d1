import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The whole Floorwatch model, hand-written so the SQL is exactly what we mean.
 *
 * Conventions other modules rely on:
 * - Every time is timestamptz (UTC); the RecordStore converts to/from epoch ms.
 * - Rollup keys use '' (never NULL) for "no team" / "no agent" / "no aux reason", because a
 *   primary key column cannot be NULL and ON CONFLICT needs a real key to add counters into.
 * - Raw tables (contacts, agent_state_events, schedule_segments) carry no foreign keys: feeds may
 *   mention agents and queues before the org file arrives, and FK checks would slow bulk ingest.
 *
 * Partitioning (real PostgreSQL at scale; never on PGlite): contacts and agent_state_events
 * have primary keys that include their time column, so a partitioned deployment can create
 * them with the same columns, keys and indexes plus a partition clause, e.g.
 *   CREATE TABLE contacts (...same columns..., PRIMARY KEY (source, natural_key, enqueued_at))
 *     PARTITION BY RANGE (enqueued_at);
 *   CREATE TABLE contacts_p20260101 PARTITION OF contacts
 *     FOR VALUES FROM ('2026-01-01 00:00Z') TO ('2026-01-02 00:00Z');
 *   CREATE TABLE contacts_pdefault PARTITION OF contacts DEFAULT;
 * and agent_state_events PARTITION BY RANGE (at) likewise; a daily job creates the next day's
 * partitions and detaches/drops expired ones. The CREATE INDEX statements below then create
 * partitioned indexes unchanged, and ON CONFLICT works because every key contains the
 * partition column.
 */
export class Initial1795618780766 implements MigrationInterface {
  name = 'Initial1795618780766';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of UP) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES_IN_DROP_ORDER) await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}

const CHANNEL_CHECK = `CHECK (channel IN ('voice','chat','email','messaging','social','video','backoffice'))`;

const CONTACT_COUNTERS = `
  offered integer NOT NULL DEFAULT 0,
  answered integer NOT NULL DEFAULT 0,
  answered_in_sl integer NOT NULL DEFAULT 0,
  abandoned integer NOT NULL DEFAULT 0,
  short_abandoned integer NOT NULL DEFAULT 0,
  blocked integer NOT NULL DEFAULT 0,
  wait_answered_seconds double precision NOT NULL DEFAULT 0,
  handled integer NOT NULL DEFAULT 0,
  talk_seconds double precision NOT NULL DEFAULT 0,
  hold_seconds double precision NOT NULL DEFAULT 0,
  acw_seconds double precision NOT NULL DEFAULT 0`;

const AGENT_TIME_COUNTERS = [
  'logged_in_seconds',
  'available_seconds',
  'aux_seconds',
  'on_contact_seconds',
  'acw_seconds',
  'scheduled_seconds',
  'in_adherence_seconds',
  'scheduled_open_seconds',
  'productive_seconds',
  'productive_in_open_seconds',
  'paid_seconds',
  'planned_paid_seconds',
  'unplanned_absence_seconds',
]
  .map((c) => `  ${c} double precision NOT NULL DEFAULT 0`)
  .join(',\n');

const UP: string[] = [
  // --- organisation and users ---
  `CREATE TABLE sites (
    id text PRIMARY KEY,
    name text NOT NULL,
    timezone text NOT NULL DEFAULT 'UTC'
  )`,
  `INSERT INTO sites (id, name, timezone) VALUES ('unassigned', 'Unassigned', 'UTC')`,
  `CREATE TABLE users (
    username text PRIMARY KEY,
    password_hash text NOT NULL,
    roles text[] NOT NULL DEFAULT '{}',
    agent_id text,
    team_ids text[] NOT NULL DEFAULT '{}',
    site_ids text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE teams (
    id text PRIMARY KEY,
    name text NOT NULL,
    site_id text NOT NULL REFERENCES sites (id),
    leader_user_id text
  )`,
  `CREATE INDEX teams_site_idx ON teams (site_id)`,
  `CREATE TABLE agents (
    id text PRIMARY KEY,
    name text NOT NULL,
    team_id text REFERENCES teams (id) ON DELETE SET NULL,
    site_id text NOT NULL REFERENCES sites (id),
    hire_date date
  )`,
  `CREATE INDEX agents_team_idx ON agents (team_id)`,
  `CREATE INDEX agents_site_idx ON agents (site_id)`,
  `CREATE TABLE agent_aliases (
    alias text PRIMARY KEY,
    agent_id text NOT NULL REFERENCES agents (id) ON DELETE CASCADE
  )`,
  `CREATE INDEX agent_aliases_agent_idx ON agent_aliases (agent_id)`,
  `CREATE TABLE queues (
    id text PRIMARY KEY,
    name text NOT NULL,
    site_id text NOT NULL REFERENCES sites (id),
    channel text NOT NULL ${CHANNEL_CHECK},
    sl_seconds integer
  )`,
  `CREATE INDEX queues_site_idx ON queues (site_id)`,
  `CREATE TABLE queue_aliases (
    alias text PRIMARY KEY,
    queue_id text NOT NULL REFERENCES queues (id) ON DELETE CASCADE
  )`,
  `CREATE INDEX queue_aliases_queue_idx ON queue_aliases (queue_id)`,

  // --- raw records ---
  `CREATE TABLE contacts (
    source text NOT NULL,
    natural_key text NOT NULL,
    contact_id text NOT NULL,
    segment_id text NOT NULL,
    channel text NOT NULL,
    queue_id text NOT NULL,
    reason text NOT NULL,
    agent_id text,
    customer_key text,
    enqueued_at timestamptz NOT NULL,
    answered_at timestamptz,
    ended_at timestamptz NOT NULL,
    wait_seconds double precision NOT NULL DEFAULT 0,
    talk_seconds double precision NOT NULL DEFAULT 0,
    hold_seconds double precision NOT NULL DEFAULT 0,
    acw_seconds double precision NOT NULL DEFAULT 0,
    outcome text NOT NULL,
    transferred_to text,
    site_id text NOT NULL,
    team_id text,
    source_updated_at timestamptz,
    ingested_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source, natural_key, enqueued_at)
  )`,
  `CREATE INDEX contacts_enqueued_idx ON contacts (enqueued_at)`,
  `CREATE INDEX contacts_ended_idx ON contacts (ended_at)`,
  `CREATE INDEX contacts_site_enqueued_idx ON contacts (site_id, enqueued_at)`,
  `CREATE INDEX contacts_site_ended_idx ON contacts (site_id, ended_at)`,
  `CREATE INDEX contacts_team_ended_idx ON contacts (team_id, ended_at)`,
  `CREATE INDEX contacts_agent_ended_idx ON contacts (agent_id, ended_at)`,
  `CREATE INDEX contacts_queue_enqueued_idx ON contacts (queue_id, enqueued_at)`,
  `CREATE INDEX contacts_customer_enqueued_idx ON contacts (customer_key, enqueued_at) WHERE customer_key IS NOT NULL`,
  `CREATE TABLE agent_state_events (
    agent_id text NOT NULL,
    at timestamptz NOT NULL,
    state text NOT NULL,
    seq integer NOT NULL DEFAULT 0,
    source text NOT NULL,
    ingested_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agent_id, at, state)
  )`,
  `CREATE INDEX agent_state_events_at_idx ON agent_state_events (at)`,
  `CREATE TABLE schedule_segments (
    agent_id text NOT NULL,
    start_at timestamptz NOT NULL,
    end_at timestamptz NOT NULL,
    activity text NOT NULL,
    source text NOT NULL,
    PRIMARY KEY (agent_id, start_at, activity)
  )`,
  `CREATE INDEX schedule_segments_start_idx ON schedule_segments (start_at)`,
  `CREATE TABLE forecast_intervals (
    site_id text NOT NULL,
    queue_id text NOT NULL,
    interval_start timestamptz NOT NULL,
    volume double precision NOT NULL,
    aht_seconds double precision NOT NULL,
    required_agents double precision,
    source text NOT NULL,
    PRIMARY KEY (site_id, queue_id, interval_start)
  )`,
  `CREATE TABLE survey_responses (
    natural_key text PRIMARY KEY,
    source text NOT NULL,
    customer_key text,
    responded_at timestamptz NOT NULL,
    main_channel text NOT NULL,
    channel_chain text NOT NULL,
    q1 double precision,
    q2 double precision,
    q3 double precision,
    q4 double precision,
    q5 double precision,
    csat double precision,
    nps double precision,
    scale_min double precision NOT NULL DEFAULT 1,
    scale_max double precision NOT NULL DEFAULT 7
  )`,
  `CREATE INDEX survey_responses_responded_idx ON survey_responses (responded_at)`,

  // --- feed bookkeeping ---
  `CREATE TABLE quarantine (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    source text NOT NULL,
    format text NOT NULL,
    line_number integer NOT NULL,
    raw text NOT NULL,
    reason text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz
  )`,
  `CREATE INDEX quarantine_source_line_idx ON quarantine (source, line_number)`,
  `CREATE INDEX quarantine_created_idx ON quarantine (created_at)`,
  `CREATE TABLE feed_lines (
    format text NOT NULL,
    line_hash text NOT NULL,
    PRIMARY KEY (format, line_hash)
  )`,
  `CREATE TABLE feed_state (
    key text PRIMARY KEY,
    state jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE settings (
    key text PRIMARY KEY,
    value jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,

  // --- application ---
  `CREATE TABLE targets (
    kpi text NOT NULL,
    scope text NOT NULL,
    value double precision NOT NULL,
    direction text NOT NULL CHECK (direction IN ('higher','lower')),
    amber_band double precision,
    updated_by text,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kpi, scope)
  )`,
  `CREATE TABLE target_audit (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kpi text NOT NULL,
    scope text NOT NULL,
    old_value double precision,
    new_value double precision,
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX target_audit_scope_idx ON target_audit (scope, changed_at)`,
  `CREATE TABLE messages (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    from_user text NOT NULL,
    to_scope text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('alert','coaching','message')),
    subject text NOT NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX messages_to_scope_idx ON messages (to_scope, created_at)`,
  `CREATE TABLE message_reads (
    message_id uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    username text NOT NULL,
    read_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (message_id, username)
  )`,
  `CREATE TABLE schedule_change_requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agent_id text NOT NULL,
    requested_by text NOT NULL,
    day date NOT NULL,
    description text NOT NULL,
    shift_minutes integer,
    activity text,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','declined')),
    decided_by text,
    decision_note text,
    created_at timestamptz NOT NULL DEFAULT now(),
    decided_at timestamptz
  )`,
  `CREATE INDEX schedule_change_requests_agent_idx ON schedule_change_requests (agent_id, created_at)`,

  // --- rollups (15-minute and site-local day) ---
  `CREATE TABLE rollup_contacts_15m (
    interval_start timestamptz NOT NULL,
    site_id text NOT NULL,
    queue_id text NOT NULL,
    team_id text NOT NULL DEFAULT '',
    agent_id text NOT NULL DEFAULT '',
    reason text NOT NULL,
    channel text NOT NULL,${CONTACT_COUNTERS},
    PRIMARY KEY (interval_start, site_id, queue_id, team_id, agent_id, reason, channel)
  )`,
  `CREATE INDEX rollup_contacts_15m_site_idx ON rollup_contacts_15m (site_id, interval_start)`,
  `CREATE INDEX rollup_contacts_15m_team_idx ON rollup_contacts_15m (team_id, interval_start)`,
  `CREATE INDEX rollup_contacts_15m_agent_idx ON rollup_contacts_15m (agent_id, interval_start)`,
  `CREATE INDEX rollup_contacts_15m_queue_idx ON rollup_contacts_15m (queue_id, interval_start)`,
  `CREATE TABLE rollup_agent_time_15m (
    interval_start timestamptz NOT NULL,
    agent_id text NOT NULL,
    aux_reason text NOT NULL DEFAULT '',
    team_id text NOT NULL DEFAULT '',
    site_id text NOT NULL,
${AGENT_TIME_COUNTERS},
    PRIMARY KEY (interval_start, agent_id, aux_reason)
  )`,
  `CREATE INDEX rollup_agent_time_15m_agent_idx ON rollup_agent_time_15m (agent_id, interval_start)`,
  `CREATE INDEX rollup_agent_time_15m_team_idx ON rollup_agent_time_15m (team_id, interval_start)`,
  `CREATE INDEX rollup_agent_time_15m_site_idx ON rollup_agent_time_15m (site_id, interval_start)`,
  `CREATE TABLE rollup_contacts_day (
    day date NOT NULL,
    site_id text NOT NULL,
    queue_id text NOT NULL,
    team_id text NOT NULL DEFAULT '',
    agent_id text NOT NULL DEFAULT '',
    reason text NOT NULL,
    channel text NOT NULL,${CONTACT_COUNTERS},
    PRIMARY KEY (day, site_id, queue_id, team_id, agent_id, reason, channel)
  )`,
  `CREATE INDEX rollup_contacts_day_site_idx ON rollup_contacts_day (site_id, day)`,
  `CREATE TABLE rollup_agent_time_day (
    day date NOT NULL,
    agent_id text NOT NULL,
    aux_reason text NOT NULL DEFAULT '',
    team_id text NOT NULL DEFAULT '',
    site_id text NOT NULL,
${AGENT_TIME_COUNTERS},
    PRIMARY KEY (day, agent_id, aux_reason)
  )`,
  `CREATE INDEX rollup_agent_time_day_site_idx ON rollup_agent_time_day (site_id, day)`,
];

/** Every table of the schema (this migration's and later ones'), children before parents. */
export const TABLES_IN_DROP_ORDER = [
  // later migrations' tables (dropped first; each migration's down drops its own)
  'adherence_exceptions',
  'corrective_actions',
  'alert_eval_state',
  'alert_instances',
  'alert_rules',
  'queue_log_blocks',
  'queue_log_dirty_agents',
  'queue_log_agent_checkpoints',
  'queue_log_open_calls',
  'queue_log_lines',
  'hotline_cases',
  'feed_health_minutes',
  'feed_health',
  // selfservice.md §2 (migration 1795970000000): no foreign keys, listed so truncate() and a full down clear them
  'selfservice_sessions',
  'selfservice_links',
  'entry_points',
  'rollup_sessions_dim_day',
  'rollup_sessions_ep_day',
  'rollup_sessions_ep_15m',
  'rollup_sessions_15m',
  'rollup_contacts_site_15m',
  'rollup_surveys_site_day',
  'rollup_surveys_local_day',
  'rollup_surveys_day',
  'rollup_agent_time_day',
  'rollup_contacts_day',
  'rollup_agent_time_15m',
  'rollup_contacts_15m',
  'schedule_change_requests',
  'message_reads',
  'messages',
  'target_audit',
  'targets',
  'settings',
  'feed_state',
  'feed_lines',
  'quarantine',
  'survey_responses',
  'forecast_intervals',
  'schedule_segments',
  'agent_state_events',
  'contacts',
  'queue_aliases',
  'queues',
  'agent_aliases',
  'agents',
  'teams',
  'users',
  'sites',
] as const;
