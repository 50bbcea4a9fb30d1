import { byKey, runFeed } from '../testing/run-feed';
import { summarise } from '../outcome';

const T = 1718000000 * 1000;
const at = (offsetSeconds: number): number => T + offsetSeconds * 1000;

describe('queue_log sample with every event type (CRLF, no final newline)', () => {
  it('accepts all 54 lines and quarantines none', async () => {
    const run = await runFeed('queue_log', 'queue_log.sample');
    expect(summarise(run.outcomes)).toEqual({ read: 54, accepted: 54, duplicates: 0, quarantined: 0, reasons: {} });
    expect(run.outcomes.every((o) => !o.raw.endsWith('\r'))).toBe(true);
    // A, B (2 segments), C, D, E, F, 6 blocked, G, H, I = 16 contacts
    expect(run.contacts).toHaveLength(16);
  });

  it('call A: wait from CONNECT holdtime, talk from calltime, acw from the PAUSE ACW 2 s after the end', async () => {
    const { contacts } = await runFeed('queue_log', 'queue_log.sample');
    expect(byKey(contacts, 'ql:1718000100.1:1')).toEqual({
      kind: 'contact',
      naturalKey: 'ql:1718000100.1:1',
      lastUpdatedAt: null,
      contactId: '1718000100.1',
      segmentId: '1',
      channel: 'voice',
      queueRef: 'sales',
      reason: null,
      agentRef: 'Agent/1001',
      customerRef: '5551234567',
      direction: 'inbound', // queue_log: always inbound and queued (selfservice.md §1)
      queued: true,
      enqueuedAt: at(100),
      answeredAt: at(130),
      endedAt: at(310),
      waitSeconds: 30, // CONNECT holdtime
      talkSeconds: 180, // COMPLETECALLER calltime (130 + 180 = 310)
      holdSeconds: 0,
      acwSeconds: 45, // PAUSE ACW at 312 (2 s after 310) until UNPAUSE at 357: 357 - 312
      outcome: 'handled',
      transferredTo: null,
      endedBy: 'customer', // COMPLETECALLER (selfservice.md §4)
    });
  });

  it('call B: transfer ends segment 1, re-entering billing makes segment 2 answered by NONE', async () => {
    const { contacts } = await runFeed('queue_log', 'queue_log.sample');
    expect(byKey(contacts, 'ql:1718000140.5:1')).toMatchObject({
      queueRef: 'support', agentRef: 'PJSIP/201', customerRef: '5559876',
      enqueuedAt: at(140), answeredAt: at(150), endedAt: at(250),
      waitSeconds: 10, talkSeconds: 100, acwSeconds: 0, // 150 + 100 = 250; no acw within 5 s
      outcome: 'transferred', transferredTo: '3000',
    });
    expect(byKey(contacts, 'ql:1718000140.5:2')).toMatchObject({
      queueRef: 'billing', agentRef: null, segmentId: '2',
      enqueuedAt: at(251), answeredAt: at(260), endedAt: at(380),
      waitSeconds: 9, talkSeconds: 120, outcome: 'handled',
    });
  });

  it('exits: ABANDON is abandoned; EXITWITHKEY (exitedByKey), EXITWITHTIMEOUT and EXITEMPTY are timeouts; waittime field wins', async () => {
    const { contacts } = await runFeed('queue_log', 'queue_log.sample');
    const pick = (k: string) => {
      const c = byKey(contacts, k);
      return [c.outcome, c.waitSeconds, c.answeredAt, c.agentRef, c.customerRef, (c.endedAt - c.enqueuedAt) / 1000];
    };
    expect(pick('ql:1718000400.9:1')).toEqual(['abandoned', 25, null, null, '5550001', 25]);
    expect(pick('ql:1718000500.1:1')).toEqual(['timeout', 60, null, null, '5550002', 60]);
    expect(pick('ql:1718000600.1:1')).toEqual(['timeout', 20, null, null, '5550003', 20]);
    expect(contacts.filter((c) => c.exitedByKey).map((c) => c.naturalKey)).toEqual(['ql:1718000600.1:1']);
    expect(pick('ql:1718000700.1:1')).toEqual(['timeout', 12, null, null, null, 12]); // "anonymous" caller id is unknown
  });

  it('blocked calls: every refusal event is one blocked contact', async () => {
    const { contacts } = await runFeed('queue_log', 'queue_log.sample');
    const blocked = contacts.filter((c) => c.outcome === 'blocked');
    expect(blocked.map((c) => [c.contactId, c.waitSeconds, c.endedAt - c.enqueuedAt, c.customerRef])).toEqual([
      ['1718000800.1', 0, 0, null],
      ['1718000801.1', 0, 0, null],
      ['1718000802.1', 0, 0, null],
      ['1718000803.1', 0, 0, null],
      ['1718000804.1', 0, 0, null],
      ['1718000900.1', 0, 0, '5550009'], // DIVERT_HOLDTIME after ENTERQUEUE keeps the caller id
    ]);
  });

  it('callback agent: fields win over timestamps (wait 5 not 1004-1000, talk 58 not 1064-1004)', async () => {
    const { contacts } = await runFeed('queue_log', 'queue_log.sample');
    expect(byKey(contacts, 'ql:1718001000.1:1')).toMatchObject({
      agentRef: 'Local/2004@from-internal/n', answeredAt: at(1004), endedAt: at(1064), waitSeconds: 5, talkSeconds: 58, acwSeconds: 0, outcome: 'handled',
    });
  });

  it('blind and attended transfers take holdtime and calltime before origposition', async () => {
    const { contacts } = await runFeed('queue_log', 'queue_log.sample');
    expect(byKey(contacts, 'ql:1718001300.1:1')).toMatchObject({ agentRef: 'Agent/1001', waitSeconds: 10, talkSeconds: 60, outcome: 'transferred', transferredTo: '4000' });
    expect(byKey(contacts, 'ql:1718001400.1:1')).toMatchObject({ agentRef: 'PJSIP/201', waitSeconds: 2, talkSeconds: 50, outcome: 'transferred', transferredTo: 'abc-bridge' });
  });

  it('agent states: member, pause and call events, repeated PAUSE and second ADDMEMBER change nothing', async () => {
    const { states } = await runFeed('queue_log', 'queue_log.sample');
    const of = (ref: string) => states.filter((s) => s.agentRef === ref).map((s) => [(s.at - T) / 1000, s.state]);
    expect(of('Agent/1001')).toEqual([
      [5, 'available'], [130, 'on_contact'], [310, 'available'], [312, 'acw'], [357, 'available'],
      [1310, 'on_contact'], [1370, 'available'], [1600, 'logged_out'],
    ]);
    // removed from sales at 1500 but still in support: logged out only at 1501
    expect(of('SIP/0004f2040001')).toEqual([[6, 'available'], [1200, 'aux:lunch'], [1501, 'logged_out']]);
    expect(of('PJSIP/201')).toEqual([
      [7, 'available'], [150, 'on_contact'], [250, 'available'], [1250, 'aux:pause'], [1290, 'available'], [1402, 'on_contact'], [1452, 'available'],
    ]);
    expect(of('Local/2004@from-internal/n')).toEqual([[8, 'available'], [1004, 'on_contact'], [1064, 'available'], [1100, 'logged_out']]);
  });
});
