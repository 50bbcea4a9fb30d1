import { quarantine } from './outcome';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** ISO 8601 with an explicit offset (`Z` or `±hh:mm`); a local time without offset is ambiguous and rejected. */
export function parseIsoWithOffset(value: string, field: string, allowDateOnly = false): number {
  const v = value.trim();
  if (allowDateOnly && DATE_ONLY.test(v)) {
    const ms = Date.parse(`${v}T00:00:00Z`);
    if (!Number.isNaN(ms)) return ms;
  }
  if (!ISO_WITH_OFFSET.test(v)) quarantine('bad-timestamp', `${field} "${value}" is not ISO 8601 with an offset`);
  const ms = Date.parse(v.replace(' ', 'T'));
  if (Number.isNaN(ms)) quarantine('bad-timestamp', `${field} "${value}" is not a valid date`);
  return ms;
}

/** Epoch numbers below 1e11 are seconds (a date before 1973 in ms is not plausible here), otherwise ms. */
export function parseTime(value: unknown, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) quarantine('bad-timestamp', `${field} ${value} is not a valid epoch`);
    return value < 1e11 ? Math.round(value * 1000) : value;
  }
  if (typeof value === 'string' && value.trim() !== '' && !isNullText(value)) {
    const v = value.trim();
    if (/^\d+(\.\d+)?$/.test(v)) return parseTime(Number(v), field);
    return parseIsoWithOffset(v, field);
  }
  return quarantine(value === undefined || value === null || value === '' || (typeof value === 'string' && isNullText(value)) ? `missing-field:${field}` : 'bad-timestamp', `${field} is ${JSON.stringify(value)}`);
}

export function parseNumberText(value: string, field: string): number {
  const v = value.trim();
  if (v === '' || !/^-?\d+(\.\d+)?$/.test(v)) quarantine(`bad-number:${field}`, `${field} "${value}" is not a number`);
  return Number(v);
}

export function duration(value: number, field: string): number {
  if (value < 0) quarantine('negative-duration', `${field} is ${value}`);
  return value;
}

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON.parse with quarantine codes that tell a cut-off record from other syntax errors. */
export function parseJsonObject(text: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const t = text.trim();
    const cutOff = /end of (JSON|data)|Unterminated/i.test(msg) || (t.startsWith('{') && !t.endsWith('}'));
    return quarantine(cutOff ? 'truncated-json' : 'bad-json', msg);
  }
  if (!isObject(value)) return quarantine('not-an-object', `expected a JSON object, got ${Array.isArray(value) ? 'array' : typeof value}`);
  return value;
}

/** The unit's JSON object: the reader's parse when it has one, else the text parsed here. */
export function unitObject(unit: { text: string; value?: unknown }): JsonObject {
  if (!('value' in unit) || unit.value === undefined) return parseJsonObject(unit.text);
  const v = unit.value;
  if (!isObject(v)) return quarantine('not-an-object', `expected a JSON object, got ${Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v}`);
  return v;
}

/** Exporters write the string "null" where JSON null is meant (Connect's Kinesis agent events do): it is no name. */
export function isNullText(v: string): boolean {
  return v.trim().toLowerCase() === 'null';
}

export function str(obj: JsonObject, key: string, path = key): string {
  const v = obj[key];
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string' || v.trim() === '' || isNullText(v)) return quarantine(`missing-field:${path}`, `${path} is ${JSON.stringify(v)}`);
  return v;
}

export function optStr(obj: JsonObject, key: string): string | null {
  const v = obj[key];
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v.trim() !== '' && !isNullText(v) ? v : null;
}

export function optNum(obj: JsonObject, key: string, path = key): number | null {
  const v = obj[key];
  if (v === undefined || v === null || v === '' || (typeof v === 'string' && isNullText(v))) return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n)) return quarantine(`bad-number:${path}`, `${path} is ${JSON.stringify(v)}`);
  return n;
}

export function optObj(obj: JsonObject, key: string): JsonObject | null {
  const v = obj[key];
  return isObject(v) ? v : null;
}
