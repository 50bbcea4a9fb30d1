import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IngestSummary } from '@floorwatch/contracts';
import { writeFeeds, type FeedFile, type World } from '@floorwatch/simulator';
import type { IngestService } from '../ingest/ingest.service';
import type { RebuildReport } from '../rollup/rollup-rebuild';
import type { Progress } from './demo-progress';
import { slimWorld } from './demo-world';

export interface BackfillReport {
  files: { format: string; file: string; records: number; summary: IngestSummary }[];
  lines: number;
  accepted: number;
  quarantined: number;
  writeMs: number;
  ingestMs: number;
  /** Of ingestMs: the one rollup rebuild after the files (they are ingested with deferRollups). */
  rollupMs: number;
  rollup: RebuildReport | null;
}

/**
 * The demo history goes in exactly as a customer's feeds would: written as feed files by the
 * simulator, then each file through IngestService in the order writeFeeds gives (org first).
 * Bulk mode: the files skip the per-batch rollup refresh (half of every batch, and the agent-time
 * watermark moves in every batch of a backfill); one rebuild at the end brings the rollups to
 * the state the per-batch refresh would have left.
 */
export async function backfillWorld(
  ingest: IngestService,
  makeWorld: () => World,
  progress: (total: number) => Progress,
): Promise<BackfillReport & { world: World; generateMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'floorwatch-demo-'));
  try {
    const t0 = Date.now();
    const full = makeWorld();
    const generateMs = Date.now() - t0;
    const files: FeedFile[] = writeFeeds(full, dir);
    // Only the live part stays in memory: a multi-gigabyte heap would slow every GC during ingest.
    const world = slimWorld(full);
    const t1 = Date.now();
    const total = files.reduce((s, f) => s + f.records, 0);
    const bar = progress(total);
    const report = { files: [] as BackfillReport['files'], lines: 0, accepted: 0, quarantined: 0, writeMs: t1 - t0 - generateMs, ingestMs: 0, rollupMs: 0, rollup: null as RebuildReport | null, world, generateMs };
    let before = 0;
    try {
      for (const f of files) {
        const name = f.file.slice(dir.length + 1);
        const summary = await ingest.ingest(f.format, createReadStream(f.file), {
          source: `demo/${name}`,
          deferRollups: true,
          onBatch: (s) => bar.update(before + s.read, name),
        });
        before += f.records;
        bar.update(before, name);
        report.files.push({ format: f.format, file: name, records: f.records, summary });
        report.lines += summary.read;
        report.accepted += summary.accepted;
        report.quarantined += summary.quarantined;
      }
      const t2 = Date.now();
      report.rollup = await ingest.rebuildRollups((step, done, of) => bar.update(total, `rollups: ${step}${of > 1 ? ` ${done}/${of}` : ''}`));
      report.rollupMs = Date.now() - t2;
    } finally {
      bar.stop();
    }
    report.ingestMs = Date.now() - t1;
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
