import { QuarantineService } from '@floorwatch/api/ingest/quarantine.service';
import { UsageError } from '../cli-errors';
import { withCli } from '../cli-context';

/** `fw quarantine [--source] [--limit]`: quarantined lines, then queue_log calls left incomplete. */
export async function quarantineCommand(o: { source?: string; limit?: string }, out: NodeJS.WritableStream): Promise<void> {
  const limit = o.limit === undefined ? undefined : Number(o.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit: must be a whole number ≥ 1, got "${o.limit}"`);
  const items = await withCli(({ app }) => app.get(QuarantineService).list({ source: o.source, limit }));
  out.write(JSON.stringify(items) + '\n');
}

/** `fw org unmapped`: agents and queues seen in feeds but absent from the org (site `unassigned`). */
export async function unmappedCommand(out: NodeJS.WritableStream): Promise<void> {
  out.write(JSON.stringify(await withCli(({ app }) => app.get(QuarantineService).unmapped())) + '\n');
}
