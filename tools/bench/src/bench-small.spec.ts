import { postgresUrl, runBench } from './run-bench';
import { SIZES } from './sizes';

/* CI runs the smallest size: it fails on errors and on rollup/naive disagreement, never on timings. */
jest.setTimeout(420_000);

it('the tiny bench produces a finite figure for every measured row, and rollup = naive = raw', async () => {
  const report = await runBench(SIZES.tiny);
  const measured = report.figures.filter((f) => !f.skipped);
  expect(measured.length).toBeGreaterThanOrEqual(8);
  for (const f of measured.filter((f) => !f.name.startsWith('live'))) expect([f.name, Number.isFinite(f.value)]).toEqual([f.name, true]);
  const comparisons = measured.filter((f) => f.details && 'identical' in f.details);
  expect(comparisons.length).toBeGreaterThanOrEqual(2);
  for (const f of comparisons) expect([f.name, f.details?.['identical'], f.details?.['firstDifference'] ?? null]).toEqual([f.name, true, null]);
  expect(measured.find((f) => f.name.startsWith('ingest queue_log, PGlite'))?.details?.['rawInsertRowsPerSec']).toBeGreaterThan(0);
  // With PostgreSQL, the CLI ingested the queue_log files in a process of its own, twice (as
  // shipped, heap capped; FW_INGEST_HEAP_MB=0), then once with --bulk; every line counted, at a positive rate.
  const cli = measured.filter((f) => f.name.startsWith('ingest queue_log memory, CLI'));
  const bulk = measured.filter((f) => f.name.startsWith('ingest queue_log, CLI --bulk'));
  if (await postgresUrl()) {
    expect(cli.map((f) => (f.value ?? 0) > 50)).toEqual([true, true]);
    expect(bulk.map((f) => [(f.value ?? 0) > 0, (f.details?.['peakRssMb'] as number) > 50])).toEqual([[true, true]]);
  }
  // The live row ran end to end: its clients (a child process) received agent-state pushes.
  expect(measured.find((f) => f.name === 'live: event in → agent-state')?.details?.['received']).toBeGreaterThan(0);
});
