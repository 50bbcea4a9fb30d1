/* 15-minute interval arithmetic shared by the rollup writer and reader (epoch ms, UTC-aligned). */

export const INTERVAL_MS = 15 * 60 * 1000;

export const floorInterval = (t: number): number => Math.floor(t / INTERVAL_MS) * INTERVAL_MS;
export const ceilInterval = (t: number): number => Math.ceil(t / INTERVAL_MS) * INTERVAL_MS;
export const isAligned = (t: number): boolean => t % INTERVAL_MS === 0;

/** Interval starts covering [from, to), both aligned. */
export function intervalStarts(from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = floorInterval(from); t < to; t += INTERVAL_MS) out.push(t);
  return out;
}
