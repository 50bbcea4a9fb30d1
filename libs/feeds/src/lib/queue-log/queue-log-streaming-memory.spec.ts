import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readLines } from '../read-lines';
import { QueueLogParser } from './parser';

/** Heap measured after a full GC, so uncollected garbage is not mistaken for growth. */
function gcHeap(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

// A fixed amount, not a time budget: the assertion must not depend on how loaded the machine is.
// ~1.5 M lines (~110 MB) is far more than the parser could hold if it kept lines or records.
const TARGET_BYTES = 110 * 1024 * 1024;

/** ~64 KiB chunks of realistic calls, generated lazily so the test itself holds no file. */
function* generate(): Generator<Buffer> {
  let i = 0;
  let produced = 0;
  while (produced < TARGET_BYTES) {
    let chunk = '';
    while (chunk.length < 65_536) {
      const t = 1718000000 + i * 2; // one call every 2 s: old closed calls age out of the state
      const id = `${t}.${i}`;
      const agent = `SIP/${1000 + (i % 300)}`;
      chunk +=
        `${t}|${id}|sales|NONE|ENTERQUEUE||4420${i}|1\n` +
        `${t + 5}|${id}|sales|${agent}|CONNECT|5|${id}x|2\n` +
        `${t + 65}|${id}|sales|${agent}|COMPLETECALLER|5|60|1\n`;
      i++;
    }
    produced += chunk.length;
    yield Buffer.from(chunk);
  }
}

describe('queue_log streaming with flat memory', () => {
  it('feeds ~110 MB through readLines + parser with small heap growth', async () => {
    const parser = new QueueLogParser();
    const started = Date.now();
    let lines = 0;
    let bytes = 0;
    let contacts = 0;
    let baseline = 0;
    let peak = 0;
    for await (const unit of readLines(Readable.from(generate()))) {
      const o = parser.push(unit);
      if (o.status !== 'accepted') throw new Error(`line ${unit.lineNumber} ${o.reason}`);
      for (const r of o.records) if (r.kind === 'contact') contacts++;
      lines++;
      bytes += unit.text.length + 1;
      if (lines === 300_000) baseline = gcHeap();
    }
    peak = gcHeap();
    contacts += parser.end().filter((r) => r.kind === 'contact').length;
    expect(lines).toBeGreaterThan(1_400_000);
    // every complete ENTERQUEUE/CONNECT/COMPLETE triple is one contact
    expect(contacts).toBe(Math.floor(lines / 3));
    // Holding the input (or one record per line) would grow the heap by hundreds of MB.
    console.info(`streaming test: ${(bytes / 1048576).toFixed(0)} MB in ${Date.now() - started} ms, heap growth ${((peak - baseline) / 1048576).toFixed(1)} MB`);
    expect(peak - baseline).toBeLessThan(96 * 1024 * 1024);
  }, 180_000);
});
