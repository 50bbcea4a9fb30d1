import { DestroyRef, effect, inject, untracked } from '@angular/core';
import type { LiveState } from './live-store';

/** Why 30 s: a KPI summary is a database query per tile set; live deltas arrive up to once a second per scope. */
export const SUMMARY_REFETCH_MS = 30_000;

/**
 * Calls `run` at most once per `minGapMs`: the first notification after a quiet spell runs at
 * once, later ones inside the gap fold into one trailing run at the end of the gap, so the last
 * change is never lost. Time comes from `now`/`schedule` so tests can drive it.
 */
export class RefetchThrottle {
  private lastRunAt = Number.NEGATIVE_INFINITY;
  private pending: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly run: () => void,
    private readonly minGapMs = SUMMARY_REFETCH_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  notify(): void {
    if (this.pending !== null) return;
    const wait = this.lastRunAt + this.minGapMs - this.now();
    if (wait <= 0) this.fire();
    else this.pending = setTimeout(() => this.fire(), wait);
  }

  /** The page loaded the summary itself (new scope or period): the gap counts from there. */
  markFetched(): void {
    this.lastRunAt = this.now();
  }

  cancel(): void {
    if (this.pending !== null) clearTimeout(this.pending);
    this.pending = null;
  }

  private fire(): void {
    this.pending = null;
    this.lastRunAt = this.now();
    this.run();
  }
}

/** The kpi tiles last received for `scope`, or undefined before its snapshot. */
export function liveKpisOf(state: LiveState, scope: string | null): Readonly<Record<string, number | null | undefined>> | undefined {
  return scope ? (state.kpis[scope] as Record<string, number | null | undefined> | undefined) : undefined;
}

/** What a page watches: the live room and the kpi tiles last received for it. */
export interface LiveTilesWatch {
  scope: string | null;
  tiles: unknown;
}

/**
 * Whether the live tiles changed since the last look: not on the first sight of a scope (its
 * snapshot; the summary just loaded covers it) nor when the scope itself changed (the summary
 * resource reloads for a new scope by itself).
 */
export function liveTilesChanged(prev: LiveTilesWatch | null, next: LiveTilesWatch): boolean {
  return prev !== null && prev.scope === next.scope && prev.tiles !== undefined && next.tiles !== prev.tiles;
}

/**
 * Re-fetches a REST summary (value and target status together) when the live kpi tiles of the
 * watched scope change, at most once per 30 s. The client never recomputes a status itself: the
 * API is the only source of target status, so a fresh summary is how the colour catches up.
 * Call in an injection context.
 */
export function refetchOnLiveKpis(watch: () => LiveTilesWatch, reload: () => void): RefetchThrottle {
  const throttle = new RefetchThrottle(reload);
  // The page fetches its summary as it opens.
  throttle.markFetched();
  let prev: LiveTilesWatch | null = null;
  effect(() => {
    const next = watch();
    untracked(() => {
      if (liveTilesChanged(prev, next)) throttle.notify();
      prev = next;
    });
  });
  inject(DestroyRef).onDestroy(() => throttle.cancel());
  return throttle;
}
