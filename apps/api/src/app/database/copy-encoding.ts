/**
 * PostgreSQL COPY text-format encoding: tab-separated, `\N` for NULL, backslash escapes.
 * Values arrive as the same JS values the parameterised path takes (string, number, boolean,
 * Date, string[], plain objects for jsonb, null).
 */
export function encodeCopyRow(row: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += '\t';
    line += encodeCopyValue(row[i]);
  }
  return line + '\n';
}

export function encodeCopyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  switch (typeof value) {
    case 'string':
      return escapeText(value);
    case 'number':
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    default:
      if (value instanceof Date) return value.toISOString();
      if (Array.isArray(value)) return escapeText(arrayLiteral(value));
      return escapeText(JSON.stringify(value));
  }
}

const SPECIAL = /[\\\n\r\t]/;
function escapeText(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

/** `{"a","b",NULL}`: a text[] literal (arrays are only ever text[] in this schema). */
function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/["\\]/g, (c) => `\\${c}`)}"`));
  return `{${items.join(',')}}`;
}
