import type { FeedFormat } from '@floorwatch/contracts';

/**
 * The feed format a file's first bytes say it is, or null when they do not say: shown (and
 * preselected) before ingesting, so a file is not parsed as the format a select happened to show.
 */
export function detectFeedFormat(head: string): FeedFormat | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const firstLine = text.split(/\r?\n/, 1)[0]?.trim().toLowerCase() ?? '';
  if (/^\d{9,11}(\.\d+)?\|[^|]*\|[^|]*\|[^|]*\|[a-z_]+/i.test(firstLine)) return 'queue_log';
  if (firstLine.startsWith('agent_id,') && firstLine.includes('activity')) return 'wfm-schedule';
  if (firstLine.startsWith('site_id,') && firstLine.includes('interval_start')) return 'wfm-forecast';
  if (firstLine.startsWith('customer_id,') && firstLine.includes('q1')) return 'survey';
  if (!text.startsWith('{') && !text.startsWith('[')) return null;
  // JSON shapes: the first keys decide (the first value may be pretty-printed over many lines).
  const has = (key: string) => new RegExp(`"${key}"\\s*:`).test(text);
  if (has('Records') && has('kinesis')) return null; // an envelope: the payload decides, not the wrapper
  if (has('sites') && (has('teams') || has('agents'))) return 'org';
  if (has('ContactId') && (has('InitiationTimestamp') || has('Channel'))) return 'connect-ctr';
  if (has('EventType') && has('CurrentAgentSnapshot')) return 'connect-agent-events';
  if (has('contactId') && has('enqueuedAt')) return 'contacts-ndjson';
  if (has('agentId') && has('state') && has('at')) return 'agent-states-ndjson';
  return null;
}
