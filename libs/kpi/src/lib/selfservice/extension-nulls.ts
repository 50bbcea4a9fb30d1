import type { KpiName } from '@floorwatch/contracts';

/**
 * The selfservice.md KPIs are computed apart (sessions and journeys are not agent or queue
 * records): finaliseKpis reports them null and the API overlays the values where they apply. The effort
 * rates of §4 (transferRatePct, agentDisconnectPct, shortHandledPct) are per handled segment:
 * finaliseKpis computes them from the components.
 */
export const SELF_SERVICE_KPI_NULLS = {
  ivrOffered: null,
  ivrShortAbandoned: null,
  ivrReasonMissing: null,
  ivrContainmentPct: null,
  ivrOptOutPct: null,
  ivrAbandonPct: null,
  ivrErrorPct: null,
  ivrSeconds: null,
  timeToHumanSeconds: null,
  ssEligible: null,
  ssPending: null,
  selfServiceResolutionPct: null,
  effectiveContainmentPct: null,
  idFailurePct: null,
  selfServiceSharePct: null,
  journeys: null,
  journeyContacts: null,
  journeysPending: null,
  customerEffort: null,
} as const satisfies Partial<Record<KpiName, null>>;
