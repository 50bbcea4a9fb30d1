import fc from 'fast-check';
import { runFeed } from '../testing/run-feed';
import { summarise } from '../outcome';

const T = 1718000000;

/** Lines that can never be a valid queue_log line: too few fields, bad epoch, or an unknown event. */
const garbage = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => `junk ${s.replace(/[\r\n|]/g, '')}`),
  fc.string({ maxLength: 20 }).map((s) => `${T}|x|${s.replace(/[\r\n|]/g, '')}`),
  fc.string({ maxLength: 20 }).map((s) => `${T}|1.1|q|NONE|ZZ${s.replace(/[\r\n|]/g, '').toUpperCase()}|1`),
  fc.constant('{"not":"queue_log"}'),
);

function callLines(i: number, wait: number, talk: number): string[] {
  const id = `${T + i}.${i}`;
  const enter = T + i * 7;
  return [
    `${enter}|${id}|sales|NONE|ENTERQUEUE||555${i}|1`,
    `${enter + wait}|${id}|sales|SIP/${i % 5}|CONNECT|${wait}|x|1`,
    `${enter + wait + talk}|${id}|sales|SIP/${i % 5}|COMPLETECALLER|${wait}|${talk}|1`,
  ];
}

describe('queue_log property: garbage interleaved with valid calls', () => {
  it('every line gets exactly one outcome, every valid line is accepted, counts add up to read', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ wait: fc.nat(120), talk: fc.nat(900) }), { minLength: 1, maxLength: 12 }),
        fc.array(garbage, { maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 80, maxLength: 80 }),
        fc.boolean(),
        async (calls, junk, picks, crlf) => {
          const queues = calls.map((c, i) => callLines(i, c.wait, c.talk));
          const pending = [...queues.map((q) => [...q]), [...junk]];
          const lines: Array<{ text: string; valid: boolean }> = [];
          let k = 0;
          // Random interleaving that keeps each call's own lines in order.
          while (pending.some((p) => p.length)) {
            const open = pending.map((p, i) => (p.length ? i : -1)).filter((i) => i >= 0);
            const which = open[picks[k++ % picks.length] % open.length];
            lines.push({ text: pending[which].shift() as string, valid: which < queues.length });
          }
          const run = await runFeed('queue_log', { text: lines.map((l) => l.text).join(crlf ? '\r\n' : '\n') });
          expect(run.outcomes.map((o) => o.lineNumber)).toEqual(lines.map((_, i) => i + 1));
          lines.forEach((l, i) => expect([l.valid, run.outcomes[i].status]).toEqual([l.valid, l.valid ? 'accepted' : 'quarantined']));
          const s = summarise(run.outcomes);
          expect(s.accepted + s.duplicates + s.quarantined).toBe(s.read);
          expect(s.read).toBe(lines.length);
          expect(run.contacts.map((c) => [c.waitSeconds, c.talkSeconds]).sort()).toEqual(calls.map((c) => [c.wait, c.talk]).sort());
        },
      ),
      { numRuns: 150 },
    );
  });
});
