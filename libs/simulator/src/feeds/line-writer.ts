import { closeSync, openSync, writeSync } from 'node:fs';

/** Appends lines to a file in ~1 MB chunks: streams without holding a whole feed in memory. */
export class LineWriter {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  lines = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(line: string): void {
    this.buf.push(line);
    this.size += line.length + 1;
    this.lines++;
    if (this.size > 1_000_000) this.flush();
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buf.length === 0) return;
    writeSync(this.fd, this.buf.join('\n') + '\n');
    this.buf = [];
    this.size = 0;
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** CSV field: quoted only when it must be. */
export function csv(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
