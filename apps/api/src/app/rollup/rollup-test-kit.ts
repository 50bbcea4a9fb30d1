import { createReadStream } from 'node:fs';
import type { KpiRow } from '@floorwatch/contracts';
import { writeFeeds, type generateWorld } from '@floorwatch/simulator';
import type { IngestService } from '../ingest/ingest.service';

/**
 * Test helpers shared by the rollup = raw specs (not used by the product).
 * Writes the world's feeds to `dir` and ingests them, schedules last (as a deployment publishes
 * them after the day's first events), in batches of `batchSize` so many rollup refreshes run.
 */
export async function ingestSimulatedWorld(ingest: IngestService, world: ReturnType<typeof generateWorld>, dir: string, batchSize: number): Promise<void> {
  const files = writeFeeds(world, dir);
  const schedule = files.filter((f) => f.format === 'wfm-schedule');
  for (const f of [...files.filter((f) => f.format !== 'wfm-schedule'), ...schedule]) {
    await ingest.ingest(f.format, createReadStream(f.file), { source: f.file, batchSize });
  }
}

/** Equal keys and KPIs; float sums may differ in the last bits (1e-9 relative). */
export function expectSameKpiRows(actual: KpiRow[], expected: KpiRow[]): void {
  expect(actual.map((r) => r.key)).toEqual(expected.map((r) => r.key));
  actual.forEach((row, i) => {
    for (const [name, want] of Object.entries(expected[i].kpis)) {
      const got = (row.kpis as Record<string, number | null>)[name];
      if (want === null || got === null) expect([row.key, name, got]).toEqual([row.key, name, want]);
      else if (Math.abs(got - want) > 1e-9 * Math.max(1, Math.abs(want))) expect([row.key, name, got]).toEqual([row.key, name, want]);
    }
  });
}
