import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { followStateKey } from '@floorwatch/api/follow/follow-position.service';
import type { FilePosition } from '@floorwatch/api/follow/file-position';
import { DAY, openStore, queueLogDay, SpawnedFollower, textSource } from './follow-test-kit';

/**
 * feeds.md / issue 21: lines appended in bursts, a rename rotation and a copytruncate in the
 * middle, the follower SIGKILLed and restarted (with a rotation while it was down): the KPIs equal
 * one ingest of all lines, and no line is counted twice.
 */
describe('fw ingest --follow: bursts, rotation, copytruncate, SIGKILL and restart', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fw-follow-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the KPIs of one ingest of every line, each line accepted once', async () => {
    const day = queueLogDay(100);
    const all = day.lines.map((l) => l + '\n');
    expect(all).toHaveLength(8 + 100 * 3 - day.abandoned); // 4 members in and out; 3 lines a handled call, 2 an abandoned one
    const ql = join(dir, 'queue_log');
    const data = join(dir, 'followed');
    const take = (() => {
      let next = 0;
      return (n: number) => all.slice(next, (next += n)).join('');
    })();
    const at = () => {
      const st = statSync(ql);
      return [st.ino, st.size] as const;
    };

    writeFileSync(ql, take(40));
    let f = new SpawnedFollower([ql], { FLOORWATCH_DATA_DIR: data });
    await f.reach(...at());
    // Bursts, and a partial line that must wait for its '\n'.
    for (let b = 0; b < 3; b++) appendFileSync(ql, take(15));
    const half = take(1);
    appendFileSync(ql, half.slice(0, 10));
    await f.reach(at()[0], at()[1] - 10);
    await new Promise((r) => setTimeout(r, 300)); // six polls: still waiting for the line's end
    expect(f.lastPosition()).toEqual([at()[0], at()[1] - 10]);
    appendFileSync(ql, half.slice(10));
    await f.reach(...at());

    // Rename rotation: lines written just before it are read from the old file, then the new one.
    appendFileSync(ql, take(10));
    renameSync(ql, `${ql}.1`);
    writeFileSync(ql, take(20));
    await f.reach(...at());

    // copytruncate: lines written just before the copy are read from the copy.
    appendFileSync(ql, take(10));
    copyFileSync(ql, `${ql}.2`);
    truncateSync(ql, 0);
    appendFileSync(ql, take(20));
    await f.reach(...at());

    // SIGKILL, then more lines and a rotation while it is down.
    appendFileSync(ql, take(10));
    f.child.kill('SIGKILL');
    expect((await f.exited).signal).toBe('SIGKILL');
    appendFileSync(ql, take(20));
    renameSync(ql, `${ql}.3`);
    writeFileSync(ql, take(30));
    // A kill between a batch's commit and its position save: the saved position 3 lines behind.
    const rewound = await rewind(data, `${ql}.3`, ql, 3);

    f = new SpawnedFollower([ql], { FLOORWATCH_DATA_DIR: data });
    await f.reach(...at());
    appendFileSync(ql, take(all.length)); // the rest
    await f.reach(...at());
    f.child.kill('SIGTERM');
    expect(await f.exited).toEqual({ code: 0, signal: null });
    const second = JSON.parse(f.out) as { read: number; accepted: number; duplicates: number };
    expect(f.err).toContain('rotated to queue_log.3: finishing it first');
    expect(second.duplicates).toBe(rewound); // re-read lines count as duplicates, not new
    expect(second.read - second.duplicates).toBe(second.accepted);

    const followed = await openStore(data);
    const reference = await openStore(join(dir, 'reference'));
    try {
      const once = await reference.ingest.ingest('queue_log', textSource(all.join('')), { source: 'all' });
      expect(once).toEqual({ read: all.length, accepted: all.length, duplicates: 0, quarantined: 0, reasons: {} });
      const q = { scope: { kind: 'enterprise' as const }, ...DAY };
      const [got, want] = [await followed.kpis.query(q), await reference.kpis.query(q)];
      expect(got.rows).toEqual(want.rows);
      const k = got.rows[0].kpis;
      // 100 calls, 14 abandoned (i % 7 = 3: 3, 10, …, 94), AHT = talk only (queue_log logs no hold, no ACW here)
      expect([k['offered'], k['abandoned'], k['handled']]).toEqual([100, 14, 86]);
      expect(k['ahtSeconds']).toBeCloseTo(day.talkSum / 86, 9);
      const count = async (s: typeof followed, sql: string) => Number((await s.store.query<{ n: number }>(sql))[0].n);
      // Every line claimed exactly once, every contact stored once.
      // A kept line is claimed by its queue_log_lines row, any other line in feed_lines (queue-log-claims.ts).
      expect(await count(followed, `SELECT ((SELECT count(*) FROM feed_lines WHERE format = 'queue_log') + (SELECT count(*) FROM queue_log_lines))::int AS n`)).toBe(all.length);
      expect(await count(followed, 'SELECT count(*)::int AS n FROM contacts')).toBe(100);
      expect(await count(followed, 'SELECT count(*)::int AS n FROM agent_state_events')).toBe(await count(reference, 'SELECT count(*)::int AS n FROM agent_state_events'));
    } finally {
      await followed.close();
      await reference.close();
    }
  }, 120_000);
});

/** Moves the saved position `lines` complete lines back in `file` (as a kill before the save leaves it); returns `lines`. */
async function rewind(dataDir: string, file: string, followed: string, lines: number): Promise<number> {
  const s = await openStore(dataDir);
  try {
    const key = followStateKey(followed);
    const saved = (await s.store.getFeedState<FilePosition>(key))!;
    const bytes = readFileSync(file).subarray(0, saved.offset);
    let offset = saved.offset;
    for (let i = 0; i < lines; i++) offset = bytes.lastIndexOf(0x0a, offset - 2) + 1;
    const tail = bytes.subarray(Math.max(0, offset - 64), offset);
    await s.store.setFeedState(key, { ...saved, offset, tailHash: createHash('sha256').update(tail).digest('hex') });
    return lines;
  } finally {
    await s.close();
  }
}
