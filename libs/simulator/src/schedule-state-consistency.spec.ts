import fc from 'fast-check';
import { generateWorld, type World } from './index';

const END = Date.parse('2026-11-25T15:00:00Z');

/** Invariants every generated world must hold, whatever the seed. */
function checkWorld(w: World): void {
  // Violations are collected, not expect()ed one by one: a world has ~10^5 records.
  const bad: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok && bad.length < 10) bad.push(what);
  };
  const overlays = new Set(
    (w.scenarios.staffingTraining?.trainingAgentIds ?? []).flatMap((a) => (w.scenarios.staffingTraining?.intervalStarts ?? []).map((t) => `${a}|${t}`)),
  );
  // Schedules: per agent, sorted and non-overlapping, except scenario 4's training laid over open.
  const byAgent = new Map<string, World['schedule']>();
  for (const s of w.schedule) {
    check(s.end > s.start, `s.end > s.start`);
    const list = byAgent.get(s.agentId) ?? [];
    list.push(s);
    byAgent.set(s.agentId, list);
  }
  for (const [agentId, list] of byAgent) {
    const plain = list.filter((s) => !(s.activity === 'training' && overlays.has(`${agentId}|${s.start}`)));
    plain.sort((a, b) => a.start - b.start);
    for (let i = 1; i < plain.length; i++) check(plain[i].start >= plain[i - 1].end, `plain[i].start >= plain[i - 1].end`);
  }
  // States: globally sorted, per agent strictly increasing with no repeated state.
  const all = w.stateEvents.concat(w.future.stateEvents);
  const last = new Map<string, { at: number; state: string }>();
  for (let i = 0; i < all.length; i++) {
    if (i > 0) check(all[i].at >= all[i - 1].at, `all[i].at >= all[i - 1].at`);
    const prev = last.get(all[i].agentId);
    if (prev) {
      check(all[i].at > prev.at, `all[i].at > prev.at`);
      check(all[i].state !== prev.state, `all[i].state !== prev.state`);
    }
    last.set(all[i].agentId, all[i]);
  }
  for (const e of w.stateEvents) check(e.at < w.endAt, `e.at < w.endAt`);
  for (const e of w.future.stateEvents) check(e.at >= w.endAt, `e.at >= w.endAt`);
  for (const l of last.values()) check(l.state === 'logged_out', `l.state === 'logged_out'`);
  // Contacts: one at a time per agent, and the agent's states show the call.
  const stateAt = new Map(all.map((e) => [`${e.agentId}|${e.at}`, e.state]));
  const busy = new Map<string, [number, number][]>();
  for (const c of w.contacts.concat(w.future.contacts)) {
    check(c.waitSeconds >= 0, `c.waitSeconds >= 0`);
    // A transferred segment was answered and talked by its agent (selfservice.md §4) like a handled one.
    if (c.outcome !== 'handled' && c.outcome !== 'transferred') {
      check(c.agentId === null, `c.agentId === null`);
      check(c.endedAt === c.enqueuedAt + c.waitSeconds * 1000, `c.endedAt === c.enqueuedAt + c.waitSeconds * 1000`);
      continue;
    }
    const answeredAt = c.answeredAt as number;
    check(c.waitSeconds === (answeredAt - c.enqueuedAt) / 1000, `c.waitSeconds === (answeredAt - c.enqueuedAt) / 1000`);
    check(c.endedAt === answeredAt + (c.talkSeconds + c.holdSeconds) * 1000, `c.endedAt === answeredAt + (c.talkSeconds + c.holdSeconds) * 1000`);
    check(stateAt.get(`${c.agentId}|${answeredAt}`) === 'on_contact', `${c.contactId}: agent not on_contact at answer`);
    check(stateAt.get(`${c.agentId}|${c.endedAt}`) === 'acw', `${c.contactId}: agent not in acw at end of talk`);
    const list = busy.get(c.agentId as string) ?? [];
    list.push([answeredAt, c.endedAt + c.acwSeconds * 1000]);
    busy.set(c.agentId as string, list);
  }
  for (const list of busy.values()) {
    list.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < list.length; i++) check(list[i][0] >= list[i - 1][1], `list[i][0] >= list[i - 1][1]`);
  }
  expect(bad).toEqual([]);
}

describe('schedule and state consistency', () => {
  it('holds for any seed (small worlds)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        checkWorld(generateWorld({ seed, days: 1, endAt: END, agents: 36 }));
      }),
      { numRuns: 4 },
    );
  });

  it('holds with the Chicago staffing scenario planted (overlaid training)', () => {
    const w = generateWorld({ seed: 42, days: 1, endAt: END, agents: 120, sites: ['chi'] });
    expect(w.scenarios.staffingTraining).not.toBeNull();
    checkWorld(w);
  });
});
