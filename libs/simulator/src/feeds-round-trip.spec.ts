import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createParser, readUnits, type FeedRecord } from '@floorwatch/feeds';
import type { AgentStateEvent } from '@floorwatch/contracts';
import { generateWorld, writeFeeds, type FeedFile } from './index';

const END = Date.parse('2026-11-25T15:00:00Z');

async function parse(f: FeedFile): Promise<{ records: FeedRecord[]; quarantined: string[]; duplicates: number }> {
  const parser = createParser(f.format);
  const records: FeedRecord[] = [];
  const quarantined: string[] = [];
  let duplicates = 0;
  for await (const unit of readUnits(f.format, createReadStream(f.file))) {
    const o = parser.push(unit);
    records.push(...o.records);
    if (o.status === 'quarantined') quarantined.push(`${f.file}:${o.lineNumber} ${o.reason} ${o.detail ?? ''}`);
    if (o.status === 'duplicate') duplicates++;
  }
  records.push(...parser.end());
  return { records, quarantined, duplicates };
}

/** Collapse a state stream to [start, end, state] runs inside the window, so redundant events do not matter. */
function runs(events: { at: number; state: string }[], to: number): string[] {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const out: { start: number; end: number; state: string }[] = [];
  sorted.forEach((e, i) => {
    const end = i + 1 < sorted.length ? sorted[i + 1].at : to;
    if (end <= e.at) return;
    const last = out[out.length - 1];
    if (last && last.state === e.state && last.end === e.at) last.end = end;
    else out.push({ start: e.at, end, state: e.state });
  });
  return out.map((r) => `${r.start}-${r.end} ${r.state}`);
}

describe('feeds round trip through @floorwatch/feeds', () => {
  const world = generateWorld({ seed: 42, days: 2, endAt: END, agents: 60 });
  const dir = mkdtempSync(join(tmpdir(), 'fw-sim-rt-'));
  const files = writeFeeds(world, dir);
  const parsed = new Map<string, Awaited<ReturnType<typeof parse>>>();
  const agentOf = new Map<string, string>();
  for (const a of world.org.agents) for (const ref of [a.id, ...a.aliases]) agentOf.set(ref, a.id);
  const queueOf = new Map<string, string>();
  for (const q of world.org.queues) for (const ref of [q.id, ...q.aliases]) queueOf.set(ref, q.id);

  beforeAll(async () => {
    for (const f of files) parsed.set(f.file, await parse(f));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every line of every file is accepted: nothing quarantined, nothing duplicated', () => {
    for (const f of files) {
      const p = parsed.get(f.file);
      expect(p?.quarantined.slice(0, 3)).toEqual([]);
      expect(p?.duplicates).toBe(0);
    }
  });

  it('contacts read back equal the in-memory records, field by field', () => {
    const back = new Map<string, Record<string, unknown>>();
    const byContactId = new Map<string, Record<string, unknown>>();
    for (const p of parsed.values()) {
      for (const r of p.records) {
        if (r.kind !== 'contact') continue;
        const queueId = queueOf.get(r.queueRef) ?? r.queueRef;
        // A transferred call's legs share the contact id: one record per segment.
        back.set(`${r.contactId}|${r.segmentId}`, {
          contactId: r.contactId,
          channel: r.channel,
          queueId,
          reason: r.reason ?? queueId,
          agentId: r.agentRef === null ? null : (agentOf.get(r.agentRef) ?? r.agentRef),
          customerKey: r.customerRef,
          enqueuedAt: r.enqueuedAt,
          answeredAt: r.answeredAt,
          endedAt: r.endedAt,
          waitSeconds: r.waitSeconds,
          talkSeconds: r.talkSeconds,
          holdSeconds: r.holdSeconds,
          acwSeconds: r.acwSeconds,
          outcome: r.outcome,
        });
        byContactId.set(r.contactId, back.get(`${r.contactId}|${r.segmentId}`) as Record<string, unknown>);
      }
    }
    expect(back.size).toBe(world.contacts.length);
    const diffs: string[] = [];
    for (const c of world.contacts) {
      const want = { contactId: c.contactId, channel: c.channel, queueId: c.queueId, reason: c.reason, agentId: c.agentId, customerKey: c.customerKey, enqueuedAt: c.enqueuedAt, answeredAt: c.answeredAt, endedAt: c.endedAt, waitSeconds: c.waitSeconds, talkSeconds: c.talkSeconds, holdSeconds: c.holdSeconds, acwSeconds: c.acwSeconds, outcome: c.outcome };
      // queue_log numbers a call's segments itself: London's are found by call id (it has no transfers).
      const got = back.get(`${c.contactId}|${c.segmentId}`) ?? byContactId.get(c.contactId);
      // queue_log cannot know the after-call work of a call whose wrap-up straddles the cut-off.
      if (got && c.endedAt + c.acwSeconds * 1000 >= END) got.acwSeconds = c.acwSeconds;
      // A Connect CTR left for a call back reads as abandoned on its own; ingest makes it `timeout`
      // once the CALLBACK CTR names it (selfservice.md §1, exitedByKey), which a parser alone cannot.
      if (got && c.exitedByKey === true && got.outcome === 'abandoned') got.outcome = c.outcome;
      if (JSON.stringify(got) !== JSON.stringify(want) && diffs.length < 3) diffs.push(`${JSON.stringify(want)}\n${JSON.stringify(got)}`);
    }
    expect(diffs).toEqual([]);
  });

  it('agent states read back give the same state runs per agent', () => {
    const back = new Map<string, { at: number; state: string }[]>();
    for (const p of parsed.values()) {
      for (const r of p.records) {
        if (r.kind !== 'state') continue;
        const id = agentOf.get(r.agentRef) ?? r.agentRef;
        (back.get(id) ?? back.set(id, []).get(id) ?? []).push({ at: r.at, state: r.state });
      }
    }
    const mine = new Map<string, AgentStateEvent[]>();
    for (const e of world.stateEvents) (mine.get(e.agentId) ?? mine.set(e.agentId, []).get(e.agentId) ?? []).push(e);
    const diffs: string[] = [];
    for (const [agentId, events] of mine) {
      const a = runs(events, END);
      const b = runs(back.get(agentId) ?? [], END);
      if (JSON.stringify(a) !== JSON.stringify(b) && diffs.length < 2) {
        const k = a.findIndex((x, i) => x !== b[i]);
        diffs.push(`${agentId} @${k}: want ${a.slice(k, k + 3).join(' | ')}; got ${b.slice(k, k + 3).join(' | ')}`);
      }
    }
    expect(diffs).toEqual([]);
  });

  it('schedule, forecast and survey rows read back in full', () => {
    const count = (kind: FeedRecord['kind']) => [...parsed.values()].reduce((s, p) => s + p.records.filter((r) => r.kind === kind).length, 0);
    expect(count('schedule')).toBe(world.schedule.length);
    expect(count('forecast')).toBe(world.forecasts.length);
    expect(count('survey')).toBe(world.surveys.length);
    expect(count('org')).toBe(1);
  });
});
