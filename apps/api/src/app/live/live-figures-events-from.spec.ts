import type { AgentStateEvent } from '@floorwatch/contracts';
import { agentStateIntervals } from '@floorwatch/kpi';
import { eventsFrom } from './live-figures';
import type { LiveAgent } from './live-records';

const T = (hhmm: string): number => Date.parse(`2026-03-02T${hhmm}:00Z`);
const ev = (agentId: string, hhmm: string, state: AgentStateEvent['state']): AgentStateEvent => ({ agentId, at: T(hhmm), state });
const agent = (id: string, events: AgentStateEvent[]): LiveAgent => ({ id, teamId: 't', siteId: 's', events, schedule: [] });

describe('eventsFrom: each agent from its state at t on (what a figure from t reads)', () => {
  // a: two events at 09:00, the later in the list wins (agentStateIntervals' rule)
  const a = agent('a', [ev('a', '08:00', 'available'), ev('a', '09:00', 'aux:break'), ev('a', '09:00', 'on_contact'), ev('a', '10:00', 'acw')]);
  const b = agent('b', [ev('b', '11:00', 'available')]);
  const c = agent('c', []);

  it('09:30: a from its 09:00 state (the winning one); b from its first event; c nothing', () => {
    expect(eventsFrom([a, b, c], T('09:30')).map((e) => `${e.agentId} ${new Date(e.at).toISOString().slice(11, 16)} ${e.state}`)).toEqual([
      'a 09:00 on_contact',
      'a 10:00 acw',
      'b 11:00 available',
    ]);
  });

  it('the state intervals from t are the same as from the whole history, for any t', () => {
    for (const t of ['07:00', '08:00', '09:00', '09:30', '10:00', '12:00'].map(T)) {
      for (const x of [a, b]) {
        expect(agentStateIntervals(eventsFrom([x], t), t, T('13:00'), T('13:00'))).toEqual(agentStateIntervals(x.events, t, T('13:00'), T('13:00')));
      }
    }
  });
});
