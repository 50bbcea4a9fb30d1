import { hashCustomerKey } from './customer-key';

/**
 * Raw caller ids (phone numbers: personal data) never reach the database: not in quarantined
 * lines, not in the queue_log parser state kept between files. Each is replaced by its salted
 * hash — the same value contacts carry as customerKey — so a line or an open call can still be
 * matched to its caller, and a call that spans two files keeps its key (hashCustomerKey passes a
 * HASHED_PREFIX value through). Done here, at the write path, so the queue_log parser stays
 * unaware of storage.
 */
export const HASHED_PREFIX = 'fwhash:';

function hashed(salt: string, raw: string): string {
  if (raw.startsWith(HASHED_PREFIX)) return raw;
  const key = hashCustomerKey(salt, raw);
  return key === null ? raw : `${HASHED_PREFIX}${key}`;
}

/** queue_log `time|callid|queue|agent|ENTERQUEUE|url|callerid|position`: field 6 is the caller id. */
function redactQueueLogLine(salt: string, line: string): string {
  // Most lines name no ENTERQUEUE anywhere: returned without splitting them into fields.
  if (!line.toUpperCase().includes('ENTERQUEUE')) return line;
  const fields = line.split('|');
  if (fields.length < 7 || fields[4]?.trim().toUpperCase() !== 'ENTERQUEUE') return line;
  const caller = fields[6];
  if (caller.trim() === '' || caller.trim().toUpperCase() === 'NONE') return line;
  fields[6] = hashed(salt, caller.trim());
  return fields.join('|');
}

/** JSON records (Amazon Connect CTRs, NDJSON): string values of caller / customer address keys. */
const CALLER_KEYS = /^(caller(id|number)?|ani|customer(ref|number|phone|address)?|address|phone(number)?|from)$/i;

function redactJson(salt: string, value: unknown, key = ''): unknown {
  if (typeof value === 'string') return CALLER_KEYS.test(key) ? hashed(salt, value) : value;
  if (Array.isArray(value)) return value.map((v) => redactJson(salt, v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactJson(salt, v, k)]));
  }
  return value;
}

/** A quarantined line as it may be stored. */
export function redactLine(salt: string, format: string, raw: string): string {
  if (format === 'queue_log') return redactQueueLogLine(salt, raw);
  const t = raw.trim();
  if (t.startsWith('{')) {
    try {
      return JSON.stringify(redactJson(salt, JSON.parse(t)));
    } catch {
      return raw;
    }
  }
  return raw;
}

interface StoredCall {
  customerRef?: string | null;
  raw?: string;
}
interface StoredAgentTrack {
  pending?: { contact?: { customerRef?: string | null } } | null;
}

/** The queue_log parser state (exportState JSON) with every caller id hashed. */
export function redactQueueLogState(salt: string, json: string): string {
  const s = JSON.parse(json) as { calls?: StoredCall[]; agents?: [string, StoredAgentTrack][] };
  for (const c of s.calls ?? []) {
    if (typeof c.customerRef === 'string') c.customerRef = hashed(salt, c.customerRef);
    if (typeof c.raw === 'string') c.raw = redactQueueLogLine(salt, c.raw);
  }
  for (const [, track] of s.agents ?? []) {
    const contact = track.pending?.contact;
    if (contact && typeof contact.customerRef === 'string') contact.customerRef = hashed(salt, contact.customerRef);
  }
  return JSON.stringify(s);
}
