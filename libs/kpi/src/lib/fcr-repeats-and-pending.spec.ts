import type { Channel, Contact } from '@floorwatch/contracts';
import { computeKpis } from './compute-kpis';
import { withKpiConfig } from './config';
import { at, contact, input } from '../testing/fixtures';

const DAY = 86_400_000;
const from = at('2024-05-01T00:00:00Z');
const to = from + DAY;
const asOf = from + 10 * DAY;
const q = { from, to, asOf, scope: { kind: 'enterprise' as const } };
const at10 = from + 10 * 3600_000;

describe('FCR: repeats within 7 days, pending, unknown, cross-channel', () => {
  const contacts: Contact[] = [
    // k1: handled on voice, calls back 6 days later on chat → repeated, cross-channel
    contact({ enqueuedAt: at10, customerKey: 'k1' }),
    contact({ enqueuedAt: at10 + 6 * DAY, customerKey: 'k1', channel: 'chat', queueId: 'qc' }),
    // k2: comes back after 8 days → not repeated
    contact({ enqueuedAt: at10, customerKey: 'k2' }),
    contact({ enqueuedAt: at10 + 8 * DAY, customerKey: 'k2' }),
    // k3: calls back 1 day later on voice and abandons → repeated, same channel
    contact({ enqueuedAt: at10, customerKey: 'k3' }),
    contact({ enqueuedAt: at10 + DAY, customerKey: 'k3', answeredAt: null, waitSeconds: 40 }),
    // k4: transfer to a second segment of the same contact is not a repeat
    contact({ enqueuedAt: at10, customerKey: 'k4', contactId: 'x4', segmentId: 'x4-1', outcome: 'transferred' }),
    contact({ enqueuedAt: at10 + 400_000, customerKey: 'k4', contactId: 'x4', segmentId: 'x4-2' }),
    // no customerKey → fcrUnknown
    contact({ enqueuedAt: at10, customerKey: null }),
  ];
  const [all] = computeKpis(input({ contacts }), q);

  it('eligible 5 (k1, k2, k3, both k4 segments), not repeated 3 → FCR 60%', () => {
    expect(all.kpis.handled).toBe(6);
    expect(all.kpis.fcrEligible).toBe(5);
    expect(all.kpis.fcrUnknown).toBe(1);
    expect(all.kpis.fcrPending).toBe(0);
    expect(all.kpis.fcrPct).toBe((100 * 3) / 5);
  });

  it('cross-channel repeat = 100 × 1 (k1 came back on chat) / 5', () => {
    expect(all.kpis.crossChannelRepeatPct).toBe(100 / 5);
  });

  it('pending until endedAt + 7 days ≤ asOf, and counted nowhere else', () => {
    const [early] = computeKpis(input({ contacts }), { ...q, asOf: from + 3 * DAY });
    expect(early.kpis.fcrPending).toBe(5);
    expect(early.kpis.fcrEligible).toBe(0);
    expect(early.kpis.fcrPct).toBeNull();
  });

  it('known first repeats stand in for the repeat contacts (the API reads them stored, not loaded)', () => {
    // Only the handled k1..k4 subjects and the unknown one are given; the repeats are told:
    // k1 → a chat repeat (cross-channel), k3 → a voice repeat, k2 and k4 → none. Same answer as above.
    const subjects = contacts.filter((c) => c.enqueuedAt === at10 || c.segmentId === 'x4-2');
    const told = new Map<string | null, Channel>([['k1', 'chat'], ['k3', 'voice']]);
    const knownRepeats = (c: Contact) => (told.has(c.customerKey) ? { channel: told.get(c.customerKey) as Channel } : null);
    const [known] = computeKpis({ ...input({ contacts: subjects }), knownRepeats }, q);
    expect(subjects).toHaveLength(6);
    expect(known.kpis.fcrEligible).toBe(5);
    expect(known.kpis.fcrPct).toBe((100 * 3) / 5);
    expect(known.kpis.crossChannelRepeatPct).toBe(100 / 5);
    // Without them, the same subjects alone look unrepeated: 5 of 5 → 100%.
    expect(computeKpis(input({ contacts: subjects }), q)[0].kpis.fcrPct).toBe(100);
  });

  it('sameReasonOnly ignores a callback about something else', () => {
    const other = [contact({ enqueuedAt: at10, customerKey: 'k9' }), contact({ enqueuedAt: at10 + DAY, customerKey: 'k9', reason: 'sales' })];
    const [anyReason] = computeKpis(input({ contacts: other }), q);
    const [same] = computeKpis(input({ contacts: other }), q, withKpiConfig({ sameReasonOnly: true }));
    expect(anyReason.kpis.fcrPct).toBe(0);
    expect(same.kpis.fcrPct).toBe(100);
  });

  it('by agent, the result belongs to the agent of the repeated contact', () => {
    const cs = [contact({ enqueuedAt: at10, customerKey: 'm', agentId: 'a2' }), contact({ enqueuedAt: at10 + DAY, customerKey: 'm', agentId: 'a1' })];
    const rows = computeKpis(input({ contacts: cs }), { ...q, by: 'agent' });
    expect(rows.map((r) => [r.key, r.kpis.fcrEligible, r.kpis.fcrPct])).toEqual([['a2', 1, 0]]);
  });
});

describe('channelFcrSpreadPts over channels with ≥ minContacts eligible', () => {
  const cs: Contact[] = [];
  const add = (channel: Channel, n: number, repeated: number): void => {
    for (let i = 0; i < n; i++) {
      const key = `${channel}-${i}`;
      cs.push(contact({ enqueuedAt: at10 + i * 1000, customerKey: key, channel }));
      if (i < repeated) cs.push(contact({ enqueuedAt: at10 + 2 * DAY, customerKey: key, channel }));
    }
  };
  add('voice', 40, 10); // FCR 75%
  add('chat', 30, 15); // FCR 50%
  add('email', 29, 29); // below minContacts: ignored

  it('spread = 75 − 50 = 25 points; null with fewer than two qualifying channels', () => {
    const [all] = computeKpis(input({ contacts: cs }), q);
    expect(all.kpis.channelFcrSpreadPts).toBe(75 - 50);
    const [chatOnly] = computeKpis(input({ contacts: cs }), { ...q, by: 'channel' });
    expect(chatOnly.key).toBe('chat');
    expect(chatOnly.kpis.channelFcrSpreadPts).toBeNull();
    const [loose] = computeKpis(input({ contacts: cs }), q, withKpiConfig({ minContacts: 20 }));
    expect(loose.kpis.channelFcrSpreadPts).toBe(75 - 0);
  });
});
