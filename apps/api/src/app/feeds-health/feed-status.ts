import { TZDate } from '@date-fns/tz';
import type { FeedHealth } from '@floorwatch/contracts';
import type { FeedHealthRaw } from './feed-health.store';

/** When a feed counts as stalled, and when the centre is open (HH:MM-HH:MM in each site's own zone). */
export interface FeedHealthOptions {
  stallSeconds: number;
  openFrom: number; // minutes after local midnight
  openTo: number;
}

/** FEED_STALL_MINUTES (default 10) and FEED_OPEN_HOURS (default 07:00-22:00). */
export function feedHealthOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): FeedHealthOptions {
  const minutes = Number(env['FEED_STALL_MINUTES'] ?? 10);
  if (!Number.isFinite(minutes) || minutes <= 0) throw new Error(`FEED_STALL_MINUTES: a positive number of minutes (got "${env['FEED_STALL_MINUTES']}")`);
  const hours = env['FEED_OPEN_HOURS'] ?? '07:00-22:00';
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(hours);
  if (!m) throw new Error(`FEED_OPEN_HOURS: HH:MM-HH:MM (got "${hours}")`);
  return { stallSeconds: minutes * 60, openFrom: Number(m[1]) * 60 + Number(m[2]), openTo: Number(m[3]) * 60 + Number(m[4]) };
}

/** Is any site open at `now`? Sites' zones; with no site (or only `unassigned`) UTC. */
export function anySiteOpen(now: number, zones: string[], o: FeedHealthOptions): boolean {
  const list = zones.length ? zones : ['UTC'];
  return list.some((zone) => {
    const t = new TZDate(now, zone);
    const minute = t.getHours() * 60 + t.getMinutes();
    return o.openFrom <= o.openTo ? minute >= o.openFrom && minute < o.openTo : minute >= o.openFrom || minute < o.openTo;
  });
}

/** Pure: the API row of a source. Red = no line for longer than the stall limit while the centre is open. */
export function toFeedHealth(r: FeedHealthRaw, now: number, open: boolean, o: FeedHealthOptions): FeedHealth {
  const lag = r.lastLineAt === null ? null : Math.max(0, Math.round((now - r.lastLineAt) / 1000));
  const stalled = open && (lag === null || lag > o.stallSeconds);
  const iso = (v: number | null) => (v === null ? null : new Date(v).toISOString());
  return {
    source: r.source,
    format: r.format,
    status: stalled ? 'red' : 'green',
    lastLineAt: iso(r.lastLineAt),
    lastRecordAt: iso(r.lastRecordAt),
    lagSeconds: lag,
    linesToday: r.linesToday,
    recordsToday: r.recordsToday,
    accepted: r.accepted,
    duplicates: r.duplicates,
    quarantined: r.quarantined,
    ratePerMinute: Math.round((r.linesLast15Min / 15) * 10) / 10,
    followerState: r.followerState,
    followerSeenAt: iso(r.followerAt),
  };
}
