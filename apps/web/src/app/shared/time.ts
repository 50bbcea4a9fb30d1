/** Times are always shown in the site's zone, and the zone is always said. */
export function formatTime(iso: string | number | null | undefined, timezone: string, withSeconds = false): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(d);
}

export function formatDateTime(iso: string | null | undefined, timezone: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
}

/** "Europe/London (GMT)" — the zone name plus its current short name. */
export function timezoneLabel(timezone: string, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, timeZoneName: 'short' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName');
    return part ? `${timezone} (${part.value})` : timezone;
  } catch {
    return timezone;
  }
}

/** "4 m" since an ISO instant, for "in this state for …". */
export function sinceText(iso: string, now: number = Date.now()): string {
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m`;
  return `${Math.floor(m / 60)} h ${m % 60} m`;
}

/** Group keys from the API: "13" → "13:00", "2025-03-04" → "Tue 4 Mar", ISO interval → "13:15". */
export function groupKeyLabel(by: string | null | undefined, key: string, timezone: string): string {
  if (by === 'hour' && /^\d{1,2}$/.test(key)) return `${key.padStart(2, '0')}:00`;
  if (by === 'day' && /^\d{4}-\d{2}-\d{2}$/.test(key)) {
    const [y, m, d] = key.split('-').map(Number);
    return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(y, m - 1, d)),
    );
  }
  if (by === 'interval' && !Number.isNaN(Date.parse(key))) return formatTime(key, timezone);
  return key;
}

export function stateLabel(state: string): string {
  if (state.startsWith('aux:')) return `Aux · ${state.slice(4)}`;
  return ({ logged_out: 'Logged out', available: 'Available', on_contact: 'On contact', acw: 'After-call work' } as Record<string, string>)[state] ?? state;
}
