/**
 * Training and coaching effectiveness (action.md "Comparison"): pooled before/after per agent or
 * course, a control group, difference-in-differences, cost, daily benefit and payback.
 */
import type { ActivityDid } from '@floorwatch/contracts';

export const DEFAULT_HOURLY_COST = 31.25; // 60 000 a year / 1 920 h
export const DEFAULT_MIN_CONTACTS = 30;
export const DEFAULT_COMPARISON_DAYS = 10;

/** One side (before or after) of one agent: the KPI's numerator and denominator. */
export interface KpiSide {
  numerator: number;
  denominator: number;
  /** Contacts behind a contact KPI (handled, fcrEligible, csatResponses); undefined = not a contact KPI. */
  contacts?: number;
  /** Working days the agent had in the window (handledPerDay pools these). */
  workingDays?: number;
}

/** Σ numerator / Σ denominator × scale; null when the denominator is 0 or too few contacts. */
export function pooled(sides: readonly KpiSide[], scale = 1, minContacts = DEFAULT_MIN_CONTACTS): number | null {
  let num = 0;
  let den = 0;
  let contacts = 0;
  let counted = false;
  for (const s of sides) {
    num += s.numerator;
    den += s.denominator;
    if (s.contacts !== undefined) {
      contacts += s.contacts;
      counted = true;
    }
  }
  if (counted && contacts < minContacts) return null;
  return den > 0 ? (scale * num) / den : null;
}

/** One KPI's before/after against the control group: the shape GET /activity-effect serves. */
export type DidResult = ActivityDid;

/** did = (after − before) − (controlAfter − controlBefore); null when any side is null. */
export function differenceInDifferences(
  before: number | null,
  after: number | null,
  controlBefore: number | null,
  controlAfter: number | null,
): DidResult {
  const delta = before === null || after === null ? null : after - before;
  const controlDelta = controlBefore === null || controlAfter === null ? null : controlAfter - controlBefore;
  return {
    before,
    after,
    delta,
    controlBefore,
    controlAfter,
    did: delta === null || controlDelta === null ? null : delta - controlDelta,
  };
}

export function trainingCost(paidSeconds: number, hourlyCost = DEFAULT_HOURLY_COST): number {
  return (paidSeconds / 3600) * hourlyCost;
}

/** −did(AHT) × (after-window handled / W) × hourlyCost / 3600: the handle time saved a day, costed. */
export function dailyBenefit(
  didAhtSeconds: number | null,
  afterHandled: number,
  days = DEFAULT_COMPARISON_DAYS,
  hourlyCost = DEFAULT_HOURLY_COST,
): number | null {
  if (didAhtSeconds === null) return null;
  return (-didAhtSeconds * (afterHandled / days) * hourlyCost) / 3600;
}

export function paybackDays(cost: number, benefit: number | null): number | null {
  if (benefit === null || !(benefit > 0)) return null;
  return cost / benefit;
}
