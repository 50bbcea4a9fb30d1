/**
 * Erlang C staffing maths from the Erlang B recurrence B₀ = 1, Bₖ = A·Bₖ₋₁ / (k + A·Bₖ₋₁): no
 * factorials or powers, so it stays finite for thousands of agents.
 */

function checkTraffic(n: number, a: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Erlang: agents must be a whole number ≥ 0, got ${n}`);
  if (!Number.isFinite(a) || a < 0) throw new RangeError(`Erlang: traffic intensity must be finite and ≥ 0, got ${a}`);
}

export function erlangB(n: number, a: number): number {
  checkTraffic(n, a);
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  return b;
}

function cFromB(n: number, a: number, b: number): number {
  if (n <= a) return 1;
  return (n * b) / (n - a * (1 - b));
}

/** Probability that a contact waits, C(N, A); 1 when N ≤ A (the queue never clears). */
export function erlangC(n: number, a: number): number {
  checkTraffic(n, a);
  if (a === 0) return 0;
  return cFromB(n, a, erlangB(n, a));
}

function slFrom(c: number, n: number, a: number, t: number, aht: number): number {
  if (n <= a) return 0;
  return 1 - c * Math.exp((-(n - a) * t) / aht);
}

/** Fraction (0–1) of contacts answered within `t` seconds: 1 − C·e^(−(N − A)·T / AHT). */
export function serviceLevel(n: number, a: number, t: number, ahtSeconds: number): number {
  if (!(ahtSeconds > 0)) throw new RangeError(`Erlang: AHT must be > 0 seconds, got ${ahtSeconds}`);
  if (!(t >= 0)) throw new RangeError(`Erlang: answer-time target must be ≥ 0 seconds, got ${t}`);
  if (a === 0) return 1;
  return slFrom(erlangC(n, a), n, a, t, ahtSeconds);
}

/** Traffic intensity in Erlangs of `volume` contacts of `ahtSeconds` over `intervalSeconds`. */
export function trafficIntensity(volume: number, ahtSeconds: number, intervalSeconds = 900): number {
  return (volume * ahtSeconds) / intervalSeconds;
}

/**
 * Least N > A whose service level meets `slTargetPct` % within `slSeconds`, for `volume` contacts
 * of `ahtSeconds` arriving over `intervalSeconds` (default 15 minutes). 0 when there is no volume.
 */
export function requiredAgentsErlang(
  volume: number,
  ahtSeconds: number,
  slTargetPct: number,
  slSeconds: number,
  intervalSeconds = 900,
): number {
  if (!Number.isFinite(volume) || volume < 0) throw new RangeError(`Erlang: volume must be ≥ 0, got ${volume}`);
  if (!(slTargetPct > 0 && slTargetPct < 100)) throw new RangeError(`Erlang: SL target must be in (0, 100) %, got ${slTargetPct}`);
  if (volume === 0) return 0;
  if (!(ahtSeconds > 0)) throw new RangeError(`Erlang: AHT must be > 0 seconds, got ${ahtSeconds}`);
  if (!(slSeconds >= 0)) throw new RangeError(`Erlang: answer-time target must be ≥ 0 seconds, got ${slSeconds}`);
  const a = trafficIntensity(volume, ahtSeconds, intervalSeconds);
  let n = Math.floor(a) + 1;
  let b = erlangB(n, a);
  // SL rises towards 1 as N grows; the bound only guards against a target float cannot reach.
  for (let guard = 0; guard < 1_000_000; guard++) {
    const sl = slFrom(cFromB(n, a, b), n, a, slSeconds, ahtSeconds);
    if (100 * sl >= slTargetPct) return n;
    n += 1;
    b = (a * b) / (n + a * b);
  }
  throw new RangeError(`Erlang: no agent count reaches ${slTargetPct}% in ${slSeconds} s for A = ${a}`);
}
