/** An `acw` state that starts this soon after the end of the agent's call is that call's wrap-up (feeds.md). */
export const ACW_LINK_MS = 5000;

export interface TimedState {
  at: number;
  state: string;
}

/**
 * A call's acwSeconds from its agent's states (sorted by time, then seq): the agent's first
 * state change after the call (the return state written at the call's end itself is skipped
 * unless it is `acw`) is `acw` starting within 5 s of the end → the acw lasts until the next
 * state change. An acw still open counts 0 until its end arrives (then the call is amended), so
 * the figure depends only on the stored lines, not on when the ingest looked.
 */
export function acwSecondsAfter(endedAt: number, events: readonly TimedState[]): number {
  let i = 0;
  while (i < events.length && events[i].at < endedAt) i++;
  if (i < events.length && events[i].at === endedAt && events[i].state !== 'acw') i++;
  const e = events[i];
  if (!e || e.state !== 'acw' || e.at - endedAt > ACW_LINK_MS) return 0;
  const next = events[i + 1];
  return next ? Math.max(0, (next.at - e.at) / 1000) : 0;
}
