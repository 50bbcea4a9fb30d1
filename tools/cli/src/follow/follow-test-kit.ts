/* Shared by the follow specs: a deterministic queue_log day and a spawned `fw ingest --follow`. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { IngestEvents } from '@floorwatch/api/ingest/ingest-events';
import { IngestService } from '@floorwatch/api/ingest/ingest.service';
import { KpiQueryService } from '@floorwatch/api/kpi/kpi-query.service';
import { openDatabase, type DatabaseHandle } from '@floorwatch/api/database/open-database';
import { RecordStore } from '@floorwatch/api/database/record-store';
import { OrgService } from '@floorwatch/api/org/org.service';

export const ROOT = join(__dirname, '..', '..', '..', '..');
/** 2024-06-10T09:00:00Z */
export const T0 = 1718010000;
export const DAY = { from: Date.parse('2024-06-10T00:00:00Z'), to: Date.parse('2024-06-11T00:00:00Z'), asOf: Date.parse('2024-06-11T00:00:00Z') };

export interface QueueLogDay {
  lines: string[];
  calls: number;
  abandoned: number;
  /** Sum of talk seconds over the handled calls. */
  talkSum: number;
}

/**
 * `calls` calls 37 s apart into queue `sales`, answered in turn by four agents (each busy at most
 * 145 s of its 148 s turn), every 7th (i % 7 = 3) abandoned after 20..24 s, the members logged
 * in before and out 10 min after; time-sorted lines.
 */
export function queueLogDay(calls: number): QueueLogDay {
  const timed: Array<[number, string]> = [1, 2, 3, 4].map((a) => [T0, `${T0}|CLI|sales|Agent/100${a}|ADDMEMBER|`]);
  let abandoned = 0;
  let talkSum = 0;
  for (let i = 0; i < calls; i++) {
    const enter = T0 + 60 + i * 37;
    const id = `c${i}`;
    timed.push([enter, `${enter}|${id}|sales|NONE|ENTERQUEUE||555${String(i).padStart(4, '0')}|1`]);
    if (i % 7 === 3) {
      const wait = 20 + (i % 5);
      abandoned++;
      timed.push([enter + wait, `${enter + wait}|${id}|sales|NONE|ABANDON|1|1|${wait}`]);
      continue;
    }
    const wait = 5 + (i % 11) * 3;
    const talk = 30 + (i % 9) * 10;
    const agent = `Agent/100${1 + (i % 4)}`;
    talkSum += talk;
    timed.push([enter + wait, `${enter + wait}|${id}|sales|${agent}|CONNECT|${wait}|b${i}|2`]);
    timed.push([enter + wait + talk, `${enter + wait + talk}|${id}|sales|${agent}|COMPLETECALLER|${wait}|${talk}|1`]);
  }
  // The members log off well after the last call: a call's end is final once later lines show no ACW after it.
  const off = T0 + 60 + calls * 37 + 600;
  for (const a of [1, 2, 3, 4]) timed.push([off, `${off}|CLI|sales|Agent/100${a}|REMOVEMEMBER|`]);
  timed.sort((a, b) => a[0] - b[0]);
  return { lines: timed.map(([, l]) => l), calls, abandoned, talkSum };
}

/** A running `fw ingest --follow` (stderr collected; --verbose reports each saved position). */
export class SpawnedFollower {
  readonly child: ChildProcess;
  err = '';
  out = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, ['-r', './tools/register.cjs', 'tools/cli/src/main.ts', 'ingest', '--follow', '--verbose', '--poll-ms', '50', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stderr?.on('data', (d: Buffer) => (this.err += d.toString()));
    this.child.stdout?.on('data', (d: Buffer) => (this.out += d.toString()));
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal })));
  }

  /** The last position it reported: [ino, offset]. */
  lastPosition(): [number, number] | null {
    const all = [...this.err.matchAll(/ at \d+:(\d+)\+(\d+) /g)];
    const m = all[all.length - 1];
    return m ? [Number(m[1]), Number(m[2])] : null;
  }

  /** Resolves when it reported (ino, offset); fails after `ms`. */
  async reach(ino: number, offset: number, ms = 30_000): Promise<void> {
    const until = Date.now() + ms;
    for (;;) {
      const p = this.lastPosition();
      if (p && p[0] === ino && p[1] === offset) return;
      if (Date.now() > until) throw new Error(`follower did not reach ${ino}+${offset} (last ${JSON.stringify(p)}); stderr:\n${this.err}`);
      if (this.child.exitCode !== null) throw new Error(`follower exited ${this.child.exitCode}; stderr:\n${this.err}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export interface OpenedStore {
  handle: DatabaseHandle;
  store: RecordStore;
  ingest: IngestService;
  kpis: KpiQueryService;
  close(): Promise<void>;
}

/** A data directory opened in this process with the services wired as Nest does. */
export async function openStore(dataDir: string): Promise<OpenedStore> {
  const handle = await openDatabase({ dataDir });
  const store = RecordStore.for(handle);
  const orgs = new OrgService(handle.dataSource);
  return { handle, store, ingest: new IngestService(store, orgs, new IngestEvents()), kpis: new KpiQueryService(store, orgs), close: () => handle.close() };
}

export const textSource = (text: string): Readable => Readable.from([Buffer.from(text)]);
