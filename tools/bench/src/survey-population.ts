import type { Org } from '@floorwatch/contracts';
import type { RecordStore } from '../../../apps/api/src/app/database/record-store';
import { RollupService } from '../../../apps/api/src/app/rollup/rollup.service';
import { BENCH_END } from './bench-world';
import { schemaBytes } from './full-load';
import { round, type BenchFigure } from './sizes';
import type { SurveyLoadedRun } from './survey-loaded';

const DAY = 86_400_000;
/**
 * performance.md's full size has 20 M contacts over 5 000 agents × 90 days (≈ 44 per agent-day);
 * ~8 % of them answer a survey: ≈ 3.6 responses per agent-day, 1.6 M at full size.
 */
export const RESPONSES_PER_AGENT_DAY = 3.6;
/** settings key: the population is complete (written last), so a kept schema is reused. */
export const SURVEY_POPULATION_KEY = 'bench.surveyPopulation';

/*
 * One UTC day's responses, written by PostgreSQL itself (generate_series; no client round trip
 * per row): response g rates a contact of agent g mod n. h(k) is a deterministic uniform [0, 1)
 * draw per response and k. 8 % are unattributed (enterprise only), 80 % by contact id, the rest
 * by the 72 h window. Each agent has a steady quality bias so the by-agent rows differ; a journey
 * that crossed channels answers the consistency items lower (as the simulator's surveys do).
 */
const H = (k: number): string =>
  `((hashint8(g::bigint * 32 + ${k}) & 2147483647)::float8 / 2147483648)`;
const item = (k: number): string =>
  `CASE WHEN ${H(10 + k)} < 0.05 THEN NULL ELSE least(7, greatest(1, round(m + (${H(20 + k)} - 0.5) * 3.2))) END`;
const INSERT_DAY = `
  INSERT INTO survey_responses (natural_key, source, customer_key, responded_at, main_channel, channel_chain, q1, q2, q3, q4, q5, csat, nps,
    scale_min, scale_max, contact_id, response_id, attributed_by, attr_segment_id, attr_contact_id, agent_id, team_id, queue_id, reason, channel, site_id)
  SELECT 'bench|' || g, 'survey', 'cust' || (g % 900007), at, main, chain, i1, i2, i3, i4, i5, csat, nps, 1, 7,
    CASE WHEN a THEN 'k' || g END, 'cust' || (g % 900007) || '|' || (extract(epoch from at) * 1000)::bigint || '|' || CASE WHEN a THEN 'k' || g ELSE '' END,
    CASE WHEN NOT a THEN NULL WHEN ${H(3)} < 0.87 THEN 'contactId' ELSE 'window' END,
    CASE WHEN a THEN 'k' || g END, CASE WHEN a THEN 'k' || g END,
    CASE WHEN a THEN agent END, CASE WHEN a THEN team END, CASE WHEN a THEN queue END, CASE WHEN a THEN 'reason-' || (g % 12) END,
    CASE WHEN a THEN qchannel END, CASE WHEN a THEN site END
  FROM (
    SELECT g, at, main, chain, a, agent, team, site, queue, qchannel, i1, i2, i3, i4, i5, c AS csat,
      CASE WHEN ${H(6)} < 0.25 THEN NULL ELSE least(10, greatest(0, round((coalesce(c, m) - 1) / 6 * 10 + (${H(7)} - 0.45) * 3.5))) END AS nps
    FROM (
      SELECT g, at, main, chain, a, agent, team, site, queue, qchannel, m, i1, i2, i3, i4, i5,
        CASE WHEN ${H(5)} < 0.15 THEN NULL ELSE least(7, greatest(1, round(0.85 * coalesce((coalesce(i1, m) + coalesce(i2, m) + coalesce(i3, m) + coalesce(i4, m) + coalesce(i5, m)) / 5, m) + 1.2 + (${H(8)} - 0.5) * 2))) END AS c
      FROM (
        SELECT g, at, main, chain, a, agent, team, site, queue, qchannel, m,
          ${item(1)} AS i1, ${item(2)} AS i2, ${item(3)} AS i3, ${item(4)} AS i4, ${item(5)} AS i5
        FROM (
          SELECT g, $1::timestamptz + (${H(0)} * 86399)::int * interval '1 second' AS at,
            ${H(1)} >= 0.08 AS a, ag.agent, ag.team, ag.site, ag.queue, ag.qchannel, ag.main,
            ch.chain, 5.3 - 0.45 * (array_length(string_to_array(ch.chain, '>'), 1) - 1) - CASE WHEN ch.chain = 'web>phone>store' THEN 1.2 ELSE 0 END
              + ((hashint4(g % $2::int) & 1023)::float8 / 1023 - 0.5) * 1.4 AS m
          FROM generate_series($3::int, $4::int) g
          -- A keyed table, not an array parameter subscripted per row (a 5 000-element text[] is walked each
          -- time) nor a join to unnest (planned as a nested loop: responses × agents comparisons).
          JOIN bench_survey_agents ag ON ag.n = 1 + g % $2::int
          CROSS JOIN LATERAL (SELECT CASE WHEN ${H(2)} < 0.5 THEN ag.main
            WHEN ${H(2)} < 0.72 THEN 'web>' || ag.main
            WHEN ${H(2)} < 0.84 THEN ag.main || '>store'
            WHEN ${H(2)} < 0.94 THEN 'app>' || ag.main
            ELSE 'web>' || ag.main || '>store' END AS chain) ch
        ) base
      ) items
    ) scored
  ) r`;

const CHANNEL_NAME: Record<string, string> = {
  voice: 'phone',
  chat: 'chat',
  email: 'email',
  messaging: 'messaging',
  social: 'social',
  video: 'video',
  backoffice: 'backoffice',
};

export async function loadPopulation(
  store: RecordStore,
  org: Org,
  run: SurveyLoadedRun,
  schema: string,
  log: (f: BenchFigure) => void,
  progress: (line: string) => void,
): Promise<void> {
  await store.upsertOrg(org);
  const queueOf = new Map(org.queues.map((q) => [q.siteId, q]));
  const agents = org.agents;
  const col = (f: (a: (typeof agents)[number]) => string): string[] =>
    agents.map(f);
  const queues = agents.map(
    (a) => queueOf.get(a.siteId ?? '') ?? org.queues[0],
  );
  const arrays = [
    col((a) => a.id),
    col((a) => a.teamId ?? ''),
    col((a) => a.siteId ?? ''),
    queues.map((q) => q.id),
  ];
  const channels = queues.map((q) => q.channel);
  const mains = channels.map((c) => CHANNEL_NAME[c] ?? c);
  const lastDay = Math.floor(BENCH_END / DAY) * DAY;
  const firstDay = lastDay - (run.days - 1) * DAY;
  const perDay = Math.round(run.agents * RESPONSES_PER_AGENT_DAY);
  await store.query(
    `CREATE TABLE bench_survey_agents AS SELECT n::int AS n, agent, team, site, queue, qchannel, main
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS a(agent, team, site, queue, qchannel, main, n)`,
    [...arrays, channels, mains],
  );
  await store.query('ALTER TABLE bench_survey_agents ADD PRIMARY KEY (n)');
  await store.query('ANALYZE bench_survey_agents');
  const t0 = Date.now();
  for (let d = 0; d < run.days; d++) {
    const day = firstDay + d * DAY;
    await store.query(INSERT_DAY, [
      new Date(day),
      agents.length,
      d * perDay,
      (d + 1) * perDay - 1,
    ]);
    if (d % 10 === 9 || d === run.days - 1)
      progress(
        `surveys: ${(d + 1) * perDay} responses written (${d + 1}/${run.days} days)`,
      );
  }
  const writeMs = Date.now() - t0;
  const t1 = Date.now();
  const rollups = new RollupService();
  await store.transaction(async (tx) => {
    await rollups.defer(tx, {
      contacts: [],
      agentTimes: [],
      surveys: [{ respondedAt: firstDay }, { respondedAt: lastDay + DAY - 1 }],
    });
    await rollups.rebuild(tx);
  });
  const rebuildMs = Date.now() - t1;
  await store.query('ANALYZE survey_responses; ANALYZE rollup_surveys_day; ANALYZE rollup_surveys_local_day');
  const [counts] = await store.query<{
    responses: number;
    attributed: number;
    csat: number;
    nps: number;
    dayRows: number;
    localDayRows: number;
  }>(
    `SELECT count(*)::int AS responses, count(attributed_by)::int AS attributed, count(csat)::int AS csat, count(nps)::int AS nps,
         (SELECT count(*)::int FROM rollup_surveys_day) AS "dayRows",
         (SELECT count(*)::int FROM rollup_surveys_local_day) AS "localDayRows" FROM survey_responses`,
  );
  const size = `${run.agents} agents x ${run.days} days, ${counts.responses} survey responses`;
  log({
    name: 'survey population load: generate_series INSERT into survey_responses + RollupService.rebuild (rollup_surveys_day, rollup_surveys_local_day), PostgreSQL',
    size,
    value: round((writeMs + rebuildMs) / 1000, 1),
    unit: 's',
    details: {
      writeS: round(writeMs / 1000, 1),
      rebuildS: round(rebuildMs / 1000, 1),
      ...counts,
      dbMb: round((await schemaBytes(store, schema)) / 2 ** 20, 0),
    },
  });
  await store.setSetting(SURVEY_POPULATION_KEY, {
    responses: counts.responses,
    loadS: round((writeMs + rebuildMs) / 1000, 1),
  });
}
