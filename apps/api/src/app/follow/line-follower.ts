import { type FileHandle, open, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { IngestSummary } from '@floorwatch/contracts';
import { findStart, tailHashAt, type FilePosition } from './file-position';
import type { LineSink } from './line-sink';
import { sleep } from './line-sink';
import type { PositionStore } from './position-store';

export interface FollowerOptions {
  path: string;
  sink: LineSink;
  positions: PositionStore;
  /** How often the file is looked at when idle. 100 ms keeps append-to-ingest well under 1 s. */
  pollMs?: number;
  /** Most bytes per batch (cut back to the last complete line). */
  maxBatchBytes?: number;
  log?: (line: string) => void;
  /** After each stored batch: the running totals and the position now saved. */
  onBatch?: (total: IngestSummary, position: FilePosition) => void;
}

export type FollowerState = 'starting' | 'following' | 'waiting-for-file' | 'retrying' | 'stopped';

interface Current {
  fh: FileHandle;
  file: string;
  dev: number;
  ino: number;
  offset: number;
  tailHash: string;
  /** Size seen when the followed path was first found to name another file (rotation). */
  rotatedAtSize: number | null;
}

/**
 * `tail -F` into a sink, by polling (stat + pread every pollMs): inode changes (rename rotation)
 * and shrinking files (copytruncate) are both seen on the next look, on any filesystem, and a
 * poll bounds the delay where an inotify watcher could miss a rename or overflow. Only complete
 * lines go out; the position is saved after the sink stored them, so a kill at any point re-sends
 * at most the last batch (counted as duplicates by the idempotent ingest), never skips one.
 */
export class LineFollower {
  private readonly abort = new AbortController();
  private cur: Current | null = null;
  private readonly total: IngestSummary = { read: 0, accepted: 0, duplicates: 0, quarantined: 0, reasons: {} };
  state: FollowerState = 'starting';
  private readonly pollMs: number;
  private readonly maxBatch: number;
  private readonly log: (line: string) => void;

  constructor(private readonly o: FollowerOptions) {
    this.pollMs = o.pollMs ?? 100;
    this.maxBatch = o.maxBatchBytes ?? 1024 * 1024;
    this.log = o.log ?? (() => undefined);
  }

  /** Asks the loop to stop after the batch in hand (a local ingest finishes; an HTTP wait is cut short). */
  stop(): void {
    this.abort.abort();
  }

  get summary(): IngestSummary {
    return this.total;
  }

  /** Follows until stop(); resolves with the totals of this run. */
  async run(): Promise<IngestSummary> {
    const signal = this.abort.signal;
    try {
      const start = await findStart(this.o.path, await this.o.positions.load());
      this.log(`${this.o.path}: ${start.note} (offset ${start.offset})`);
      await this.openAt(start.file, start.offset);
      while (!signal.aborted) {
        const moved = this.cur ? await this.step() : await this.openAt(this.o.path, 0);
        if (!moved) await sleep(this.pollMs, signal);
      }
    } finally {
      this.state = 'stopped';
      await this.cur?.fh.close().catch(() => undefined);
      this.cur = null;
    }
    return this.total;
  }

  /** Opens `file` at `offset`; false when it does not exist (yet). */
  private async openAt(file: string, offset: number): Promise<boolean> {
    let fh: FileHandle;
    try {
      fh = await open(file, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      this.state = 'waiting-for-file';
      return false;
    }
    const st = await fh.stat();
    this.cur = { fh, file, dev: st.dev, ino: st.ino, offset, tailHash: await tailHashAt(fh, offset), rotatedAtSize: null };
    this.state = 'following';
    if (offset === 0 && file === this.o.path) await this.savePosition();
    return true;
  }

  /** One look at the file: deliver what is complete, else check for truncation and rotation. True if it did something. */
  private async step(): Promise<boolean> {
    const cur = this.cur!;
    const { size } = await cur.fh.stat();
    if (size < cur.offset || (cur.offset > 0 && (await tailHashAt(cur.fh, cur.offset)) !== cur.tailHash)) {
      // copytruncate (or the file rewritten in place): its content starts again at 0.
      this.log(`${cur.file}: truncated (size ${size} < offset ${cur.offset} or content changed): reading from the start`);
      await this.finishCopy(cur);
      cur.offset = 0;
      cur.tailHash = '';
      await this.savePosition();
      return true;
    }
    if (size > cur.offset && (await this.deliver(cur, size, false))) return true;
    return this.checkRotation(cur, size);
  }

  /** Sends the complete lines between the offset and `size` (all bytes if `final`). False if none is complete. */
  private async deliver(cur: Current, size: number, final: boolean): Promise<boolean> {
    let want = Math.min(size - cur.offset, this.maxBatch);
    let buf = await read(cur.fh, cur.offset, want);
    let end = buf.lastIndexOf(0x0a) + 1;
    // A line longer than a batch: read on until its end (or the end of the file).
    while (end === 0 && cur.offset + want < size) {
      want = Math.min(size - cur.offset, want * 2);
      buf = await read(cur.fh, cur.offset, want);
      end = buf.lastIndexOf(0x0a) + 1;
    }
    if (end === 0 && !(final && buf.length > 0)) return false;
    const batch = end === 0 ? Buffer.concat([buf, Buffer.from('\n')]) : buf.subarray(0, end);
    const used = end === 0 ? buf.length : end;
    const summary = await this.o.sink.send(batch, this.abort.signal);
    add(this.total, summary);
    cur.offset += used;
    cur.tailHash = await tailHashAt(cur.fh, cur.offset);
    await this.savePosition();
    return true;
  }

  /**
   * The followed path names another file (or none): the old file is read to its end, once it has
   * stopped growing for one poll (the writer may still hold it open a moment), then the new one.
   */
  private async checkRotation(cur: Current, size: number): Promise<boolean> {
    const now = await stat(this.o.path).catch(() => null);
    if (now && now.dev === cur.dev && now.ino === cur.ino) {
      cur.rotatedAtSize = null;
      return false;
    }
    if (cur.rotatedAtSize !== size) {
      cur.rotatedAtSize = size;
      return false;
    }
    // An unterminated last line of a file no one writes to any more is a line (nothing lost).
    if (size > cur.offset) await this.deliver(cur, size, true);
    this.log(`${this.o.path}: rotated (${cur.file} done at offset ${cur.offset}); following the new file`);
    await cur.fh.close();
    this.cur = null;
    return this.openAt(this.o.path, 0);
  }

  /**
   * copytruncate copies the file, then truncates it: lines written after our last read are only in
   * the copy. A sibling whose bytes before our offset hash like ours is that copy; its rest is sent.
   */
  private async finishCopy(cur: Current): Promise<void> {
    if (cur.offset === 0) return;
    const copy = await findCopy(this.o.path, cur.offset, cur.tailHash);
    if (!copy) return;
    try {
      const { size } = await copy.stat();
      if (size <= cur.offset) return;
      this.log(`${this.o.path}: reading the rest of its copy (${size - cur.offset} bytes after offset ${cur.offset})`);
      const rest: Current = { ...cur, fh: copy };
      while (rest.offset < size && (await this.deliverOnly(rest, size))) {
        /* batch by batch to the end of the copy */
      }
    } finally {
      await copy.close();
    }
  }

  /** deliver() for a file whose position is not ours to save (the copy of a copytruncate). */
  private async deliverOnly(c: Current, size: number): Promise<boolean> {
    const buf = await read(c.fh, c.offset, Math.min(size - c.offset, this.maxBatch));
    const nl = buf.lastIndexOf(0x0a) + 1;
    const end = nl === 0 ? buf.length : nl;
    if (end === 0) return false;
    const batch = buf[end - 1] === 0x0a ? buf.subarray(0, end) : Buffer.concat([buf.subarray(0, end), Buffer.from('\n')]);
    add(this.total, await this.o.sink.send(batch, this.abort.signal));
    c.offset += end;
    return true;
  }

  private async savePosition(): Promise<void> {
    const c = this.cur!;
    const position: FilePosition = { version: 1, path: this.o.path, dev: c.dev, ino: c.ino, offset: c.offset, tailHash: c.tailHash };
    await this.o.positions.save(position);
    this.o.onBatch?.(this.total, position);
  }
}

/** A sibling of `path` (in its directory) whose bytes before `offset` hash to `tailHash`, opened. */
async function findCopy(path: string, offset: number, tailHash: string): Promise<FileHandle | null> {
  const dir = dirname(path);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const file = join(dir, name);
    if (file === path) continue;
    const fh = await open(file, 'r').catch(() => null);
    if (!fh) continue;
    const st = await fh.stat();
    if (st.isFile() && st.size > offset && (await tailHashAt(fh, offset)) === tailHash) return fh;
    await fh.close();
  }
  return null;
}

async function read(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

function add(total: IngestSummary, s: IngestSummary): void {
  total.read += s.read;
  total.accepted += s.accepted;
  total.duplicates += s.duplicates;
  total.quarantined += s.quarantined;
  for (const [k, n] of Object.entries(s.reasons)) total.reasons[k] = (total.reasons[k] ?? 0) + n;
}
