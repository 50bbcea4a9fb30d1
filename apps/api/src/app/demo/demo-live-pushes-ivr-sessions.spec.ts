import type { Readable } from 'node:stream';
import { generateWorld } from '@floorwatch/simulator';
import type { IngestService } from '../ingest/ingest.service';
import { LiveSimulator } from './demo-live';

const END = Date.parse('2026-11-25T15:00:00Z');
const HOUR = 3_600_000;

async function text(source: Readable): Promise<string[]> {
  let s = '';
  for await (const chunk of source) s += String(chunk);
  return s.split('\n').filter((l) => l !== '');
}

/** The live clock pushes IVR sessions through the same ingest as contacts, so "in IVR now" moves after the backfill. */
describe('demo live stream: IVR sessions after the backfill', () => {
  it('pushes London/Chicago sessions open then closed (selfservice-ndjson) and Manila IVR-only CTRs, none the backfill has', async () => {
    const world = generateWorld({ seed: 42, days: 1, endAt: END, agents: 60 });
    const pushed = new Map<string, string[]>();
    const ingest = {
      ingest: async (format: string, source: Readable) => {
        pushed.set(format, [...(pushed.get(format) ?? []), ...(await text(source))]);
        return {};
      },
    } as unknown as IngestService;
    const live = new LiveSimulator(ingest, { speed: 1, tickMs: 1000, world: async () => world, backfilledBefore: END, onAdvance: () => undefined, onError: (e) => { throw e; } });
    // 15:00 Wednesday to 01:00 Thursday UTC: London, Chicago and (from 23:00) Manila take calls.
    await live.catchUp(END, END + 10 * HOUR);
    const sessions = (pushed.get('selfservice-ndjson') ?? []).map((l) => JSON.parse(l) as Record<string, unknown>);
    const opened = sessions.filter((s) => s['endedAt'] === null).map((s) => s['sessionId']);
    const closed = sessions.filter((s) => s['endedAt'] !== null);
    // Independently from the world: non-Connect sessions started in the window / ended in it.
    const all = world.selfService?.sessions ?? [];
    const expectOpened = all.filter((s) => s.siteId !== 'mnl' && s.startedAt >= END && s.startedAt < END + 10 * HOUR && s.endedAt >= END);
    const expectClosed = all.filter((s) => s.siteId !== 'mnl' && s.endedAt >= END && s.endedAt < END + 10 * HOUR);
    expect(expectOpened.length).toBeGreaterThan(100);
    expect(opened.sort()).toEqual(expectOpened.map((s) => s.sessionId).sort());
    expect(closed.length).toBe(expectClosed.length);
    for (const s of closed) expect(Date.parse(String(s['endedAt']))).toBeGreaterThanOrEqual(END);
    const ctrs = pushed.get('connect-ctr') ?? [];
    expect(ctrs.length).toBe(all.filter((s) => s.siteId === 'mnl' && !s.contact && s.endedAt >= END && s.endedAt < END + 10 * HOUR).length);
    expect(ctrs.length).toBeGreaterThan(0);
    expect(pushed.get('contacts-ndjson')?.length).toBeGreaterThan(0);
  }, 60_000);
});
