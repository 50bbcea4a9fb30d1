import type { OrgIndex } from './org-index';

/**
 * The `by=reason` group key: a call type is a cross-site dimension ("billing" in London and in
 * Chicago is one row). A feed with a call type (Connect CTR attribute, contacts NDJSON `reason`)
 * names it the same at every site, so its reason is the key as it is. queue_log names none, so
 * the ingest stores the queue id as the reason (kpis.md default), and queue ids are unique per
 * site: `<siteId>-<callType>` (the demo's `lon-billing`, `chi-billing`). Such a reason is keyed
 * by the queue id without its site's prefix; a queue id without that prefix (a queue created for
 * an unknown reference under `unassigned`) keys as the id itself.
 */
export function reasonGroupKey(reason: string, o: OrgIndex): string {
  const queue = o.queues.get(reason);
  if (!queue) return reason;
  const prefix = `${queue.siteId}-`;
  return reason.startsWith(prefix) && reason.length > prefix.length ? reason.slice(prefix.length) : reason;
}
