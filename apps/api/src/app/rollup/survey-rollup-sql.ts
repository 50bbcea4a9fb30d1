import { DEFAULT_TOP_BOX_MIN_SCORE, ITEM_COUNT_KEYS, ITEM_SUM_KEYS, type KpiComponents } from '@floorwatch/kpi';

/*
 * The survey rollups' sums and the SQL that aggregates them, shared by the UTC day rows
 * (survey-rollup.ts) and the local day rows (survey-local-rollup.ts): every survey component
 * libs/kpi adds per response, computed the same way in both.
 */

const ITEMS = [1, 2, 3, 4, 5] as const;
/** Item score as libs/kpi itemScore computes it (same operations, same order: same float). */
const itemScore = (i: number): string => `100 * (q${i} - scale_min) / (scale_max - scale_min)`;
const answered = ITEMS.map((i) => `(q${i} IS NOT NULL)::int`).join(' + ');
/** The response score adds its answered items left to right like addSurveyInto (x + 0 = x). */
const scoreSum = ITEMS.map((i) => `coalesce(s${i}, 0)`).join(' + ');

/** Sum columns and the KpiComponents field each one is. */
export const SURVEY_SUM_FIELDS: [string, keyof KpiComponents][] = [
  ['responses', 'responses'], ['excluded', 'consistencyExcluded'], ['score_sum', 'consistencyScoreSum'],
  ...ITEMS.flatMap((i, k): [string, keyof KpiComponents][] => [[`q${i}_sum`, ITEM_SUM_KEYS[k]], [`q${i}_n`, ITEM_COUNT_KEYS[k]]]),
  ['survey_n', 'surveyCount'], ['attributed_n', 'surveyAttributed'], ['csat_n', 'csatCount'], ['csat_sum', 'csatScoreSum'], ['csat_top', 'csatTopBox'],
  ['nps_n', 'npsCount'], ['promoters', 'npsPromoters'], ['passives', 'npsPassives'], ['detractors', 'npsDetractors'],
];
export const SURVEY_SUM_COLUMNS = SURVEY_SUM_FIELDS.map(([c]) => c);

/**
 * SELECT of the survey sums (columns named as SURVEY_SUM_COLUMNS) of the responses `from`
 * selects (alias s), grouped by `keys`: [column, expression over s], filtered by `where` over the keys.
 */
export function surveySumsSelect(keys: readonly (readonly [string, string])[], from: string, where = 'true'): string {
  const names = keys.map(([k]) => k);
  const sums = [
    'count(*) FILTER (WHERE n >= 3)', 'count(*) FILTER (WHERE n < 3)',
    `coalesce(sum((${scoreSum}) / n) FILTER (WHERE n >= 3), 0)`,
    ...ITEMS.flatMap((i) => [`coalesce(sum(s${i}) FILTER (WHERE n >= 3), 0)`, `count(s${i}) FILTER (WHERE n >= 3)`]),
    'count(*)', 'count(attributed_by)', 'count(csat)', 'coalesce(sum(100 * (csat - scale_min) / (scale_max - scale_min)), 0)',
    `count(*) FILTER (WHERE 100 * (csat - scale_min) >= ${DEFAULT_TOP_BOX_MIN_SCORE} * (scale_max - scale_min))`,
    'count(nps)', 'count(*) FILTER (WHERE nps >= 9)', 'count(*) FILTER (WHERE nps >= 7 AND nps < 9)', 'count(*) FILTER (WHERE nps < 7)',
  ];
  return `SELECT ${names.join(', ')},
      ${sums.map((e, i) => `${e} AS ${SURVEY_SUM_COLUMNS[i]}`).join(',\n      ')}
    FROM (
      SELECT ${keys.map(([k, e]) => `${e} AS ${k}`).join(', ')}, s.attributed_by, s.csat, s.nps, s.scale_min, s.scale_max,
        ${ITEMS.map((i) => `${itemScore(i)} AS s${i}`).join(', ')}, ${answered} AS n
      FROM ${from}
    ) r
    WHERE ${where}
    GROUP BY ${names.join(', ')}`;
}

/** INSERT INTO `table` of surveySumsSelect's rows. */
export function surveyAggregateSql(table: string, keys: readonly (readonly [string, string])[], from: string, where = 'true'): string {
  return `INSERT INTO ${table} (${keys.map(([k]) => k).join(', ')}, ${SURVEY_SUM_COLUMNS.join(', ')})
    ${surveySumsSelect(keys, from, where)}
    ORDER BY ${keys[0][0]}`;
}
