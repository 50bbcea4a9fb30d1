import type { Scope, SurveyResponse } from '@floorwatch/contracts';
import { SCOPE_COLUMN, SURVEY_SELECT, toSurvey, type SurveyRowRaw } from '../../database/record-sql';
import type { RecordStore } from '../../database/record-store';

/**
 * Responses of [from, to) that count in `scope` (customer.md): enterprise all, any other scope
 * those attributed to it (survey_responses' attribution columns carry the same names as the
 * contacts' scope columns, and are indexed with responded_at).
 */
export async function loadScopedSurveys(store: RecordStore, scope: Scope, from: number, to: number): Promise<SurveyResponse[]> {
  if (scope.kind === 'enterprise') return store.loadSurveys(from, to);
  const rows = await store.query<SurveyRowRaw>(
    `${SURVEY_SELECT} WHERE ${SCOPE_COLUMN[scope.kind]} = $1 AND responded_at >= $2 AND responded_at < $3 ORDER BY responded_at, natural_key`,
    [scope.id, new Date(from), new Date(to)],
  );
  return rows.map(toSurvey);
}
