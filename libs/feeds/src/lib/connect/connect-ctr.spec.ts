import { byKey, runFeed } from '../testing/run-feed';
import { summarise } from '../outcome';

const ms = (iso: string): number => Date.parse(iso);

describe('connect-ctr JSON array file, streamed element by element', () => {
  it('reads 9 records; IVR-only CTR is accepted with no contact; the update keeps its own LastUpdateTimestamp', async () => {
    const run = await runFeed('connect-ctr', 'connect-ctr.sample.json');
    expect(summarise(run.outcomes)).toEqual({ read: 9, accepted: 9, duplicates: 0, quarantined: 0, reasons: {} });
    // each element's starting line in the pretty-printed array
    expect(run.outcomes.map((o) => o.lineNumber)).toEqual([2, 36, 68, 97, 131, 156, 188, 220, 239]);
    // c-ivr-1 never queued: no contact, only its IVR session (selfservice.md §2)
    expect(run.outcomes[7].records.map((r) => r.kind)).toEqual(['session']);
    const copies = run.contacts.filter((c) => c.naturalKey === 'ctr:c-voice-1');
    // two copies of one contact: the ingest keeps the latest (acw 65 s, updated 09:07)
    expect(copies.map((c) => [c.lastUpdatedAt, c.acwSeconds])).toEqual([
      [ms('2024-06-10T09:05:20Z'), 50],
      [ms('2024-06-10T09:07:00Z'), 65],
    ]);
  });

  it('maps a handled voice CTR: talk, hold, acw, wait from Queue.Duration, reason from Attributes.callType', async () => {
    const { contacts } = await runFeed('connect-ctr', 'connect-ctr.sample.json');
    expect(contacts[0]).toEqual({
      kind: 'contact',
      naturalKey: 'ctr:c-voice-1',
      lastUpdatedAt: ms('2024-06-10T09:05:20Z'),
      contactId: 'c-voice-1',
      segmentId: 'c-voice-1',
      channel: 'voice',
      queueRef: 'Sales',
      reason: 'upgrade',
      agentRef: 'jdoe',
      customerRef: '+15550100',
      enqueuedAt: ms('2024-06-10T09:00:10Z'),
      answeredAt: ms('2024-06-10T09:00:35Z'),
      endedAt: ms('2024-06-10T09:05:20Z'),
      waitSeconds: 25, // 09:00:35 - 09:00:10
      talkSeconds: 245, // handle = 245 + 40 + 50 = 335
      holdSeconds: 40,
      acwSeconds: 50,
      outcome: 'handled',
      transferredTo: null,
      direction: 'inbound',
      queued: true,
    });
  });

  it('channels: CHAT→chat, TASK→backoffice, EMAIL→email; reason from Attributes.reason else null (= queue)', async () => {
    const { contacts } = await runFeed('connect-ctr', 'connect-ctr.sample.json');
    expect(['ctr:c-chat-1', 'ctr:c-task-1', 'ctr:c-mail-1'].map((k) => {
      const c = byKey(contacts, k);
      return [c.channel, c.reason, c.customerRef, c.waitSeconds];
    })).toEqual([
      ['chat', null, 'visitor-77', 60],
      ['backoffice', null, null, 120],
      ['email', 'refund', 'ann@example.com', 6600], // 11:00 → 12:50 = 110 min
    ]);
  });

  it('a queued CTR without agent is abandoned with wait = Queue.Duration', async () => {
    const { contacts } = await runFeed('connect-ctr', 'connect-ctr.sample.json');
    expect(byKey(contacts, 'ctr:c-aband-1')).toMatchObject({ outcome: 'abandoned', agentRef: null, answeredAt: null, waitSeconds: 85, talkSeconds: 0, acwSeconds: 0, endedAt: ms('2024-06-10T09:31:30Z') });
  });

  it('transfer legs share the InitialContactId as contactId; the first leg is transferred', async () => {
    const { contacts } = await runFeed('connect-ctr', 'connect-ctr.sample.json');
    expect(byKey(contacts, 'ctr:c-leg-1')).toMatchObject({ contactId: 'c-leg-1', segmentId: 'c-leg-1', outcome: 'transferred', transferredTo: 'c-leg-2', queueRef: 'Sales' });
    expect(byKey(contacts, 'ctr:c-leg-2')).toMatchObject({ contactId: 'c-leg-1', segmentId: 'c-leg-2', outcome: 'handled', queueRef: 'Support', agentRef: 'asmith', acwSeconds: 45 });
  });
});

describe('connect-ctr NDJSON with malformed records', () => {
  it('quarantines bad timestamp, unknown channel, missing ContactId, negative duration and a cut-off line', async () => {
    const run = await runFeed('connect-ctr', 'connect-ctr.sample.ndjson');
    expect(run.outcomes.map((o) => o.reason ?? o.status)).toEqual([
      'accepted',
      'accepted',
      'bad-timestamp',
      'unknown-channel',
      'missing-field:ContactId',
      'negative-duration',
      'truncated-json',
    ]);
    expect(run.quarantined[0].detail).toContain('last tuesday');
  });
});
