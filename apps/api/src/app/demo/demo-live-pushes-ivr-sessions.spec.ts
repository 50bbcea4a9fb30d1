import type { Readable } from 'node:stream';
import { contactEmitAt, generateWorld } from '@floorwatch/simulator';
import type { IngestService } from '../ingest/ingest.service';
import { LiveSimulator } from './demo-live';
import { slimWorld } from './demo-world';

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
    const full = generateWorld({ seed: 42, days: 1, endAt: END, agents: 60 });
    // The demo streams the slimmed world (its history is in the database): the live sessions must survive that.
    const world = slimWorld(full);
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
    const all = full.selfService?.sessions ?? [];
    const expectOpened = all.filter((s) => s.siteId !== 'mnl' && s.startedAt >= END && s.startedAt < END + 10 * HOUR && s.endedAt >= END);
    const expectClosed = all.filter((s) => s.siteId !== 'mnl' && s.endedAt >= END && s.endedAt < END + 10 * HOUR);
    expect(expectOpened.length).toBeGreaterThan(100);
    expect(opened.sort()).toEqual(expectOpened.map((s) => s.sessionId).sort());
    expect(closed.length).toBe(expectClosed.length);
    for (const s of closed) expect(Date.parse(String(s['endedAt']))).toBeGreaterThanOrEqual(END);
    const ctrs = (pushed.get('connect-ctr') ?? []).map((l) => JSON.parse(l) as Record<string, unknown>);
    const ivrOnly = ctrs.filter((c) => c['Queue'] === null);
    expect(ivrOnly.length).toBe(all.filter((s) => s.siteId === 'mnl' && !s.contact && s.endedAt >= END && s.endedAt < END + 10 * HOUR).length);
    expect(ivrOnly.length).toBeGreaterThan(0);
    expect(pushed.get('contacts-ndjson')?.length).toBeGreaterThan(0);
  }, 60_000);

  it("sends Manila's contacts as Connect CTRs, so the IVR sessions that queued them arrive too (none as generic contacts)", async () => {
    const full = generateWorld({ seed: 42, days: 1, endAt: END, agents: 60 });
    const pushed = new Map<string, string[]>();
    const ingest = {
      ingest: async (format: string, source: Readable) => {
        pushed.set(format, [...(pushed.get(format) ?? []), ...(await text(source))]);
        return {};
      },
    } as unknown as IngestService;
    const live = new LiveSimulator(ingest, { speed: 1, tickMs: 1000, world: async () => slimWorld(full), backfilledBefore: END, onAdvance: () => undefined, onError: (e) => { throw e; } });
    await live.catchUp(END, END + 10 * HOUR);
    const bySegment = new Map((pushed.get('connect-ctr') ?? []).map((l) => JSON.parse(l) as Record<string, unknown>).filter((c) => c['Queue'] !== null).map((c) => [String(c['ContactId']), c]));
    const queued = (full.selfService?.sessions ?? []).filter((s) => s.siteId === 'mnl' && s.contact && s.contact.endedAt >= END && contactEmitAt(s.contact) < END + 10 * HOUR);
    expect(queued.length).toBeGreaterThan(10);
    for (const s of queued) {
      const ctr = bySegment.get(s.contact?.segmentId ?? '');
      // The CTR carries the session: IVR entry time and number, and the last menu node.
      expect(ctr?.['InitiationTimestamp']).toBe(new Date(s.startedAt).toISOString());
      expect((ctr?.['SystemEndpoint'] as Record<string, unknown> | undefined)?.['Address']).toBe(s.entryPoint);
      expect((ctr?.['Attributes'] as Record<string, unknown> | undefined)?.['lastNode']).toBe(s.lastNode);
    }
    const mnlQueues = new Set(full.org.queues.filter((q) => q.siteId === 'mnl').map((q) => q.id));
    const generic = (pushed.get('contacts-ndjson') ?? []).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(generic.filter((c) => mnlQueues.has(String(c['queueId'])))).toEqual([]);
  }, 60_000);
});
