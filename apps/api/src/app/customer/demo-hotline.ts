import type { RecordStore } from '../database/record-store';

const MIN = 60_000;
const HOUR = 60 * MIN;
const CAUSES = ['agent', 'process', 'product', 'policy', 'system', 'expectation', 'no-fault'];

/**
 * Demo only (customer.md "Demo world"): the backfill raised every case at start-up time, as a
 * real backfill would. The demo pretends the survey feed was live all month: each case is raised
 * 15 minutes after its response (at most now), older ones were worked and closed (ack 1 h, action 20 h, close
 * 30–60 h after raising, so some miss 48 h), and a handful stay open — the newest few, two of
 * them past 48 h (overdue). Returns how many stay open.
 */
export async function ageDemoHotlineCases(store: RecordStore, now: number, keepOpen = 6): Promise<number> {
  const cases = await store.query<{ id: string; respondedAt: number; leader: string | null }>(
    `SELECT id::text AS id, (extract(epoch from responded_at) * 1000)::float8 AS "respondedAt", assigned_to->>0 AS leader FROM hotline_cases ORDER BY responded_at DESC, id`,
  );
  // The demo team leader's cases first (the tour's `lead` sees them), then the newest elsewhere.
  const lead = cases.filter((c) => c.leader === 'lead');
  const overdue = lead.filter((c) => c.respondedAt + 15 * MIN < now - 50 * HOUR).slice(0, 2).map((c) => c.id);
  const recent = [...lead.filter((c) => c.respondedAt > now - 40 * HOUR), ...cases.filter((c) => c.leader !== 'lead')].slice(0, keepOpen - overdue.length);
  const open = new Set([...recent.map((c) => c.id), ...overdue]);
  let i = 0;
  for (const c of cases) {
    // Never after now: an answer from the last 15 minutes was raised by the backfill itself (a case
    // raised in the future is in no backlog and is "open" in the list but not in the summary).
    const raised = Math.min(c.respondedAt + 15 * MIN, now);
    const by = c.leader ?? 'manager';
    const history: { to: string; by: string; at: string; note?: string }[] = [{ to: 'open', by: 'system', at: new Date(raised).toISOString() }];
    if (open.has(c.id)) {
      await store.query(`UPDATE hotline_cases SET raised_at = $2, history = $3::jsonb WHERE id::text = $1`, [c.id, new Date(raised), JSON.stringify(history)]);
      continue;
    }
    const k = i++;
    const ack = raised + HOUR;
    const act = raised + 20 * HOUR;
    const close = raised + (k % 4 === 3 ? 60 : 30) * HOUR;
    if (close > now) {
      await store.query(`UPDATE hotline_cases SET raised_at = $2, history = $3::jsonb WHERE id::text = $1`, [c.id, new Date(raised), JSON.stringify(history)]);
      continue;
    }
    history.push({ to: 'acknowledged', by, at: new Date(ack).toISOString() }, { to: 'actioned', by, at: new Date(act).toISOString() }, { to: 'closed', by, at: new Date(close).toISOString() });
    await store.query(
      `UPDATE hotline_cases SET raised_at = $2, state = 'closed', acknowledged_at = $3, actioned_at = $4, closed_at = $5, cause_code = $6,
         action = 'Called the customer back', resolution = 'Apologised and put it right', history = $7::jsonb WHERE id::text = $1`,
      [c.id, new Date(raised), new Date(ack), new Date(act), new Date(close), CAUSES[k % CAUSES.length], JSON.stringify(history)],
    );
  }
  return (await store.query<{ n: number }>(`SELECT count(*)::int AS n FROM hotline_cases WHERE state <> 'closed'`))[0]?.n ?? 0;
}
