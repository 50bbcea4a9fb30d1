import type { FeedUnit } from '@floorwatch/feeds';
import { prepareWhileWaiting, stepWhileWaiting } from './prepare-while-waiting';
import { prepareQlUnit } from './queue-log-claims';

const SALT = 'salt-for-test';

/** 1 000 units: calls (each ENTERQUEUE / CONNECT / COMPLETECALLER), a NUL-prefixed line, garbage, an agent-only line. */
function units(): FeedUnit[] {
  const texts: string[] = [];
  for (let c = 0; texts.length < 1000; c++) {
    const t = 1718010000 + c * 60;
    texts.push(`${t}|call${c}|q1|NONE|ENTERQUEUE||5551${String(c).padStart(4, '0')}|1`);
    texts.push(`${t + 10}|call${c}|q1|Agent/100${c % 5}|CONNECT|10|call${c}b|2`);
    texts.push(`${t + 50}|call${c}|q1|Agent/100${c % 5}|COMPLETECALLER|10|40|1`);
    if (c % 50 === 0) texts.push(`\u0000\u0000${t + 55}|NONE|NONE|Agent/1000|PAUSE|||`, 'not a queue_log line', `${t + 56}|NONE|NONE|Agent/1000|UNPAUSE|||`);
  }
  return texts.slice(0, 1000).map((text, i) => ({ text, lineNumber: i + 1 }));
}

describe('the next queue_log batch is prepared while the previous one commits', () => {
  it('while the commit lasts, every line is prepared exactly as in its own transaction (hash, outcome, the line kept with its caller id salted)', async () => {
    const u = units();
    const commit = new Promise<void>((resolve) => setTimeout(resolve, 500));
    const prepared = await prepareWhileWaiting(commit, u, SALT);
    expect(prepared.filter((p) => p !== undefined)).toHaveLength(1000);
    u.forEach((unit, i) => expect(prepared[i]).toEqual(prepareQlUnit(unit, i, SALT)));
    // The caller's number is stored salted, never as sent: 55510000 is not in the kept text.
    const first = prepared[0]?.kept;
    expect(first?.text).toContain('5551');
    expect(first?.stored).not.toContain('55510000');
    // The NUL-prefixed PAUSE is kept behind its stripped NULs; the garbage line is quarantined, not kept.
    const nul = u.findIndex((x) => x.text.startsWith('\u0000'));
    expect(prepared[nul]?.kept?.text.startsWith('1718010055|NONE')).toBe(true);
    expect(prepared[nul]?.kept?.claim).toBe(false);
    const garbage = u.findIndex((x) => x.text === 'not a queue_log line');
    expect(prepared[garbage]?.outcome.status).toBe('quarantined');
    expect(prepared[garbage]?.kept).toBeNull();
  });

  it('stops once the commit is over: a batch whose previous commit already ended is prepared one slice at most (256 lines), the rest in its transaction', async () => {
    const prepared = await prepareWhileWaiting(Promise.resolve(), units(), SALT);
    const n = prepared.filter((p) => p !== undefined).length;
    expect(n).toBeLessThanOrEqual(256);
  });

  it('fails as the commit in flight fails (the run stops at that batch)', async () => {
    const lost = Promise.reject(new Error('connection lost'));
    await expect(prepareWhileWaiting(lost, units(), SALT)).rejects.toThrow('connection lost');
  });
});

describe("a batch's calls are derived while its agents pass runs (stepWhileWaiting with finish)", () => {
  it('every step runs once, in order, whether the awaited work ends first or last', async () => {
    for (const wait of [Promise.resolve(), new Promise<void>((resolve) => setTimeout(resolve, 50))]) {
      const seen: number[] = [];
      expect(await stepWhileWaiting(wait, 1000, (i) => seen.push(i), true)).toBe(1000);
      expect(seen).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    }
  });

  it('a failing step is thrown only once the awaited statement is over (nothing left running on the transaction)', async () => {
    let over = false;
    const wait = new Promise<void>((resolve) => setTimeout(() => ((over = true), resolve()), 50));
    const err = await stepWhileWaiting(wait, 1000, (i) => {
      if (i === 300) throw new Error('bad call');
    }, true).catch((e: unknown) => e);
    expect((err as Error).message).toBe('bad call');
    expect(over).toBe(true);
  });

  it('fails as the awaited work fails, before the remaining steps', async () => {
    const seen: number[] = [];
    await expect(stepWhileWaiting(Promise.reject(new Error('pass failed')), 1000, (i) => seen.push(i), true)).rejects.toThrow('pass failed');
    expect(seen.length).toBeLessThanOrEqual(256);
  });
});
