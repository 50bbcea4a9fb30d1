import { TestBed } from '@angular/core/testing';
import type { AdherenceExceptionPayload, AgentStateEventPayload } from '@floorwatch/contracts';
import { LiveAgents } from './live-agents';

// Saturday 5 Dec 2026 18:49 London. The lead's "Live now" scrolls after ~9 rows: sorted "longest in
// state first", the agents who worked today (logged out 2-3 h ago) sank below agents off since
// Tuesday, and the 7-day demo's screenshot showed only the latter.
const NOW = Date.parse('2026-12-05T18:49:00Z');
const state = (agentId: string, s: string, since: string): AgentStateEventPayload =>
  ({ agentId, siteId: 'lon', state: s, since }) as unknown as AgentStateEventPayload;

describe('live agents: problems first, then working agents, then today\'s leavers before older ones', () => {
  it('orders exception › working (longest first) › logged out (latest first)', async () => {
    const fixture = TestBed.createComponent(LiveAgents);
    fixture.componentRef.setInput('now', NOW);
    fixture.componentRef.setInput('agents', {
      tue: state('tue', 'logged_out', '2026-12-01T16:30:00Z'), // off 4 days
      leo: state('leo', 'logged_out', '2026-12-05T15:41:00Z'), // left 3 h 8 m ago
      jack: state('jack', 'logged_out', '2026-12-05T16:45:00Z'), // left 2 h 4 m ago
      ana: state('ana', 'available', '2026-12-05T18:40:00Z'), // 9 m available
      bo: state('bo', 'on_contact', '2026-12-05T18:30:00Z'), // 19 m on a contact
      cy: state('cy', 'aux', '2026-12-05T18:37:00Z'),
    });
    fixture.componentRef.setInput('exceptions', {
      cy: { agentId: 'cy', siteId: 'lon', state: 'aux', activity: 'open', since: '2026-12-05T18:37:00Z' } as unknown as AdherenceExceptionPayload,
    });
    await fixture.whenStable();
    const names = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('tbody tr td:first-child')).map((td) => td.textContent?.trim());
    expect(names).toEqual(['cy', 'bo', 'ana', 'jack', 'leo', 'tue']);
  });
});
