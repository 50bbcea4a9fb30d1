import type { TargetStatus } from '@floorwatch/contracts';

export interface StatusInfo {
  status: TargetStatus;
  cssClass: string;
  /** Short text that says the status without colour. */
  label: string;
  /** Icon name understood by the status-icon component. */
  icon: 'check' | 'warn' | 'cross' | 'dash';
}

const INFO: Record<TargetStatus, StatusInfo> = {
  green: { status: 'green', cssClass: 'fw-status-green', label: 'On target', icon: 'check' },
  amber: { status: 'amber', cssClass: 'fw-status-amber', label: 'Near target', icon: 'warn' },
  red: { status: 'red', cssClass: 'fw-status-red', label: 'Off target', icon: 'cross' },
  none: { status: 'none', cssClass: 'fw-status-none', label: 'No target', icon: 'dash' },
};

/** Anything the API sends that is not a known status reads as "no target", never as green. */
export function statusInfo(status: TargetStatus | string | null | undefined): StatusInfo {
  if (status === 'green' || status === 'amber' || status === 'red') return INFO[status];
  return INFO.none;
}

/** Palette for charts, matching the CSS tokens. */
export const STATUS_COLOURS: Record<TargetStatus, string> = {
  green: '#1a9850',
  amber: '#f0a500',
  red: '#d73027',
  none: '#94a3b8',
};
