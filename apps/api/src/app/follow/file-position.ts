import { createHash } from 'node:crypto';
import { type FileHandle, open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Where a follower stands in a followed file: which file (device and inode, so a rotated file is
 * recognised under its new name), how far its complete lines were delivered, and a hash of the
 * bytes just before that offset (so a file truncated and re-grown past the offset is noticed).
 */
export interface FilePosition {
  version: 1;
  /** The followed path (the name new lines arrive under). */
  path: string;
  dev: number;
  ino: number;
  /** Bytes delivered: always just after a '\n' (or 0). */
  offset: number;
  /** sha256 (hex) of up to TAIL_BYTES bytes ending at `offset`; '' at offset 0. */
  tailHash: string;
}

/** How many bytes before the offset identify the content there. 64 bytes is one or two queue_log lines. */
export const TAIL_BYTES = 64;

export async function tailHashAt(fh: FileHandle, offset: number): Promise<string> {
  if (offset <= 0) return '';
  const len = Math.min(TAIL_BYTES, offset);
  const buf = Buffer.alloc(len);
  const { bytesRead } = await fh.read(buf, 0, len, offset - len);
  if (bytesRead < len) return 'short';
  return createHash('sha256').update(buf).digest('hex');
}

export function isFilePosition(v: unknown): v is FilePosition {
  const p = v as Partial<FilePosition> | null;
  return !!p && p.version === 1 && typeof p.path === 'string' && typeof p.dev === 'number' && typeof p.ino === 'number' && typeof p.offset === 'number' && typeof p.tailHash === 'string';
}

/** Where to (re)start reading, decided from the saved position and what is on disk now. */
export interface StartPoint {
  /** The file to read first: the followed path, or the rotated file the saved position is in. */
  file: string;
  offset: number;
  /** Why this start point (for the log). */
  note: string;
}

/**
 * `tail -F` after a restart, without losing lines: the saved inode is looked for at the followed
 * path first, then among its siblings (a rename rotation moved it, e.g. queue_log → queue_log.1);
 * the rest of that file is read before the new one. Content that no longer matches the saved
 * tail hash (truncated, replaced) is read from the start: the ingest is idempotent by line hash,
 * so lines read again count as duplicates.
 */
export async function findStart(path: string, saved: FilePosition | null): Promise<StartPoint> {
  if (!saved) return { file: path, offset: 0, note: 'no saved position: from the start' };
  const here = await stat(path).catch(() => null);
  if (here && here.dev === saved.dev && here.ino === saved.ino) return { file: path, offset: await verified(path, saved), note: 'same file' };
  const dir = dirname(path);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (name === basename(path)) continue;
    const candidate = join(dir, name);
    const st = await stat(candidate).catch(() => null);
    if (st && st.isFile() && st.dev === saved.dev && st.ino === saved.ino) {
      return { file: candidate, offset: await verified(candidate, saved), note: `rotated to ${name}: finishing it first` };
    }
  }
  return { file: path, offset: 0, note: 'saved file not found (rotated away and removed?): the new file from the start' };
}

/** The saved offset if the bytes before it still hash the same, else 0 (truncated or rewritten). */
async function verified(file: string, saved: FilePosition): Promise<number> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    if (size < saved.offset) return 0;
    return (await tailHashAt(fh, saved.offset)) === saved.tailHash ? saved.offset : 0;
  } finally {
    await fh.close();
  }
}
