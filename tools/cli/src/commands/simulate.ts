import { createReadStream } from 'node:fs';
import type { IngestSummary } from '@floorwatch/contracts';
import { IngestService } from '@floorwatch/api/ingest/ingest.service';
import { generateWorld, writeFeeds } from '@floorwatch/simulator';
import { UsageError } from '../cli-errors';
import { withCli } from '../cli-context';

export interface SimulateOptions {
  out: string;
  days: string;
  seed: string;
  agents: string;
  end?: string;
  ingest?: boolean;
}

const whole = (name: string, v: string): number => {
  if (!/^\d+$/.test(v)) throw new UsageError(`${name}: must be a whole number, got "${v}"`);
  return Number(v);
};

/** `fw simulate`: writes the seeded demo world as feed files (tools/simulator) and, with --ingest, ingests them. */
export async function simulateCommand(o: SimulateOptions, out: NodeJS.WritableStream): Promise<void> {
  const endAt = o.end === undefined ? Date.now() : Date.parse(o.end);
  if (Number.isNaN(endAt)) throw new UsageError(`--end: "${o.end}" is not an ISO 8601 date-time`);
  const world = generateWorld({ seed: whole('--seed', o.seed), days: whole('--days', o.days), agents: whole('--agents', o.agents), endAt });
  const files = writeFeeds(world, o.out);
  const ingested: Array<{ file: string; format: string; summary: IngestSummary }> = [];
  if (o.ingest) {
    await withCli(async ({ app }) => {
      const svc = app.get(IngestService);
      for (const f of files) ingested.push({ file: f.file, format: f.format, summary: await svc.ingest(f.format, createReadStream(f.file), { source: f.file }) });
    });
  }
  out.write(JSON.stringify({ files, ...(o.ingest ? { ingested } : {}) }) + '\n');
}
