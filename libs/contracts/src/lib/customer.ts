/** Customer outcomes (spec/customer.md): survey attribution, drivers, HOTLINE cases. */

export type AttributedBy = 'contactId' | 'window';

/**
 * The segment a survey response rates (customer.md "Attribution"). A matched contact with no
 * answered segment gives its last segment's queue, reason, channel and site but no agent or team.
 */
export interface SurveyAttribution {
  attributedBy: AttributedBy;
  segmentId: string;
  contactId: string;
  agentId: string | null;
  teamId: string | null;
  queueId: string;
  reason: string;
  channel: string;
  siteId: string;
}

/** The optional survey-feed columns (null when empty or absent). */
export interface SurveyExtras {
  contactId: string | null;
  comment: string | null;
  trust: number | null;
  repurchase: number | null;
  productSat: number | null;
  valueForMoney: number | null;
}

export const DRIVERS = ['consistency', 'productSat', 'valueForMoney', 'q1', 'q2', 'q3', 'q4', 'q5'] as const;
export type DriverName = (typeof DRIVERS)[number];
export const DRIVER_OUTCOMES = ['csat', 'trust', 'repurchase', 'nps'] as const;
export type DriverOutcome = (typeof DRIVER_OUTCOMES)[number];

export interface DriverRow {
  driver: DriverName;
  n: number;
  r: number | null;
  beta: number | null;
  rank: number | null;
}
export interface DriverBand {
  band: '[0,40)' | '[40,70)' | '[70,100]';
  n: number;
  outcomeMean: number | null;
  /** csat, trust, repurchase: top-box %; nps: the band's npsScore instead. */
  topBoxPct?: number | null;
  npsScore?: number | null;
}
export interface DriverGroup {
  key: string;
  consistencyResponses: number;
  consistencyIndex: number | null;
  outcomeMean: number | null;
  consistencyGapPts: number | null;
}
export interface DriversResult {
  outcome: DriverOutcome;
  scope: string;
  from: string;
  to: string;
  modelN: number;
  drivers: DriverRow[];
  bands: DriverBand[];
  groups?: DriverGroup[];
}
