import type { KpiRowWithTargets } from '@floorwatch/contracts';

/** The key the API gives records without the grouping (libs/kpi NO_GROUP), e.g. a contact with no survey. */
export const NO_GROUP_KEY = '(none)';

/**
 * Rows for the survey/channel charts, without the "(none)" bucket: records with no main channel,
 * no channel chain or no channel are not a channel, and a bar named "(none)" beside the real
 * ones reads as one. They still count in the scope's own tiles above.
 */
export function channelRows(rows: readonly KpiRowWithTargets[] | undefined): KpiRowWithTargets[] {
  return (rows ?? []).filter((r) => r.key !== NO_GROUP_KEY);
}
