/* Shared by the queue_log ingest specs and the bench (not part of the runtime API). */

export interface SimulatedFeedOptions {
  calls: number;
  agents: number;
  seed: number;
  /** Distinct callers (fewer than calls → repeat customers). Default calls / 3. */
  callers?: number;
  /** Epoch seconds of the first ENTERQUEUE. */
  start?: number;
  /** Share of answered calls followed by a PAUSE ACW / UNPAUSE wrap-up. Default 0.5. */
  acwShare?: number;
  /** One distinct caller per call (no repeats), as the 870 k-line file. */
  distinctCallers?: boolean;
}

export interface SimulatedFeed {
  /** Every line, sorted by time (ADDMEMBER first, REMOVEMEMBER last). */
  lines: string[];
  /** The lines grouped per call (member lines first), as a per-call database export writes them. */
  grouped: string[];
  answered: number;
  abandoned: number;
}

/** mulberry32: small, seeded, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A queue_log of `calls` calls over `agents` agents (Agent/1000...): about 1 in 10 abandons,
 * half the answered calls followed by a PAUSE ACW / UNPAUSE wrap-up 2 s after the call, callers
 * drawn from a pool so customers call again (FCR repeats).
 */
export function simulateQueueLog(o: SimulatedFeedOptions): SimulatedFeed {
  const r = rng(o.seed);
  const start = o.start ?? 1718010000;
  const callers = o.callers ?? Math.max(1, Math.floor(o.calls / 3));
  const free = new Array<number>(o.agents).fill(start);
  const members = Array.from({ length: o.agents }, (_, a) => `${start - 60}|CLI|sales|Agent/${1000 + a}|ADDMEMBER|`);
  const perCall: string[][] = [];
  let t = start;
  let answered = 0;
  let abandoned = 0;
  let last = start;
  for (let i = 0; i < o.calls; i++) {
    t += 1 + Math.floor(r() * 40);
    const id = `${t}.${i}`;
    const caller = `555${String(o.distinctCallers ? i : Math.floor(r() * callers)).padStart(6, '0')}`;
    const lines = [`${t}|${id}|sales|NONE|ENTERQUEUE||${caller}|1`];
    let a = 0;
    for (let k = 1; k < o.agents; k++) if (free[k] < free[a]) a = k;
    const wait = Math.max(Math.floor(r() * 30), free[a] - t);
    if (r() < 0.1 || wait > 300) {
      const w = Math.min(wait, 5 + Math.floor(r() * 60));
      lines.push(`${t + w}|${id}|sales|NONE|ABANDON|1|1|${w}`);
      abandoned++;
      last = Math.max(last, t + w);
    } else {
      const agent = `Agent/${1000 + a}`;
      const talk = 30 + Math.floor(r() * 400);
      const at = t + wait;
      lines.push(`${at}|${id}|sales|${agent}|CONNECT|${wait}|${id}.2|${1 + Math.floor(r() * 5)}`);
      lines.push(`${at + talk}|${id}|sales|${agent}|${r() < 0.5 ? 'COMPLETECALLER' : 'COMPLETEAGENT'}|${wait}|${talk}|1`);
      let end = at + talk;
      if (r() < (o.acwShare ?? 0.5)) {
        const acw = 10 + Math.floor(r() * 50);
        lines.push(`${end + 2}|NONE|NONE|${agent}|PAUSE|ACW`, `${end + 2 + acw}|NONE|NONE|${agent}|UNPAUSE|`);
        end += 2 + acw;
      }
      free[a] = end + 1;
      answered++;
      last = Math.max(last, end);
    }
    perCall.push(lines);
  }
  const removes = Array.from({ length: o.agents }, (_, a) => `${last + 60}|CLI|sales|Agent/${1000 + a}|REMOVEMEMBER|`);
  const body = perCall.flat();
  const epoch = (l: string): number => Number(l.slice(0, l.indexOf('|')));
  const sorted = body.map((l, i) => [l, i] as const).sort((x, y) => epoch(x[0]) - epoch(y[0]) || x[1] - y[1]).map(([l]) => l);
  return { lines: [...members, ...sorted, ...removes], grouped: [...members, ...body, ...removes], answered, abandoned };
}
