import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isFilePosition, type FilePosition } from './file-position';

/** Where a follower keeps its position between runs. */
export interface PositionStore {
  load(): Promise<FilePosition | null>;
  save(position: FilePosition): Promise<void>;
  /** For the log: where the position lives. */
  readonly where: string;
}

/**
 * A JSON file, for a follower shipping to a remote Floorwatch (it has no database). Written to a
 * temporary name and renamed over, so a kill mid-write leaves the old position, never a torn one.
 */
export class FilePositionStore implements PositionStore {
  constructor(readonly where: string) {}

  async load(): Promise<FilePosition | null> {
    let text: string;
    try {
      text = await readFile(this.where, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    const parsed: unknown = JSON.parse(text);
    if (!isFilePosition(parsed)) throw new Error(`${this.where}: not a follower position (expected {"version":1,"path","dev","ino","offset","tailHash"})`);
    return parsed;
  }

  async save(position: FilePosition): Promise<void> {
    await mkdir(dirname(this.where), { recursive: true });
    const tmp = `${this.where}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(position) + '\n');
    await rename(tmp, this.where);
  }
}

/** Default state file of a remote follower: beside the followed file, hidden. */
export function defaultStateFile(path: string): string {
  const slash = path.lastIndexOf('/');
  return `${path.slice(0, slash + 1)}.${path.slice(slash + 1)}.fw-follow.json`;
}
