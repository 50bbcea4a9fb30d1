import { DestroyRef, inject, signal } from '@angular/core';

/** A signal of Date.now() that ticks, for "in this state for 4 m" and the current interval. */
export function injectClock(periodMs = 15_000) {
  const now = signal(Date.now());
  const id = setInterval(() => now.set(Date.now()), periodMs);
  inject(DestroyRef).onDestroy(() => clearInterval(id));
  return now.asReadonly();
}
