import { Injectable, signal } from '@angular/core';

/**
 * Bumped when a target is set or reset: every KPI resource reads it, so the tiles and tables on
 * the page are re-judged against the new target at once, not after a reload.
 */
@Injectable({ providedIn: 'root' })
export class TargetsVersion {
  readonly value = signal(0);
  bump(): void {
    this.value.update((v) => v + 1);
  }
}
