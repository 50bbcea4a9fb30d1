import type { TargetKpi } from './kpi-names';

export type TargetDirection = 'higher' | 'lower';
export type TargetStatus = 'green' | 'amber' | 'red' | 'none';

export interface Target {
  kpi: TargetKpi;
  /** `enterprise`, `site:<id>`, `team:<id>`, `agent:<id>` or `queue:<id>`. */
  scope: string;
  value: number;
  direction: TargetDirection;
  /** Absolute band in the KPI's units; null = 5% of the target value. */
  amberBand: number | null;
}

export interface TargetCell {
  value: number | null;
  status: TargetStatus;
  /** The scope the target is set on when it is inherited from a wider one (`team:<id>`); absent when the row's own or a default. */
  from?: string;
}

export interface TargetAudit {
  id: string;
  kpi: TargetKpi;
  scope: string;
  oldValue: number | null;
  newValue: number | null;
  changedBy: string;
  changedAt: string;
}
