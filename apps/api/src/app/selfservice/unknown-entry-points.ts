import type { UnknownEntryPoint } from '@floorwatch/contracts';
import type { RecordStore } from '../database/record-store';
import { loadEntryPoints } from './selfservice-store';

/**
 * selfservice.md §2: sessions whose entry point is neither an org entry point's id nor one of its
 * aliases are the site `unassigned`; the admin sees which, to add them to the org. Most sessions
 * first, then by name.
 */
export async function unknownEntryPoints(store: RecordStore): Promise<UnknownEntryPoint[]> {
  const known = (await loadEntryPoints(store)).flatMap((e) => [e.id, ...e.aliases]);
  const rows = await store.query<{ entryPoint: string; sessions: number; channels: string[]; firstSeen: Date; lastSeen: Date }>(
    `SELECT entry_point AS "entryPoint", count(*)::int AS sessions, array_agg(DISTINCT channel ORDER BY channel) AS channels,
            min(started_at) AS "firstSeen", max(started_at) AS "lastSeen"
       FROM selfservice_sessions WHERE NOT (entry_point = ANY($1::text[]))
      GROUP BY entry_point ORDER BY count(*) DESC, entry_point`,
    [known],
  );
  return rows.map((r) => ({ entryPoint: r.entryPoint, sessions: r.sessions, channels: r.channels, firstSeen: new Date(r.firstSeen).toISOString(), lastSeen: new Date(r.lastSeen).toISOString() }));
}
