import { runFeed } from '../testing/run-feed';

const ms = Date.parse;

describe('survey feed, customer.md columns named in the header in any order', () => {
  it('reads contact_id, a quoted comment (trimmed), trust..value_for_money; off-scale items quarantined by column', async () => {
    const run = await runFeed('survey', 'survey-customer.sample.csv');
    expect(run.outcomes.map((o) => o.reason ?? o.status)).toEqual(['accepted', 'accepted', 'accepted', 'out-of-scale:trust', 'out-of-scale:csat']);
    expect(run.records[0]).toEqual({
      kind: 'survey', customerRef: '+441632960001', respondedAt: ms('2024-06-11T10:00:00Z'), mainChannel: 'phone', channelChain: 'web>phone',
      items: [6, 7, 5, null, 4], csat: 4, nps: 9, scaleMin: 1, scaleMax: 7,
      contactId: 'K-100', comment: 'Slow, but "fine" in the end', trust: 5, repurchase: 6, productSat: 7, valueForMoney: 3,
    });
    expect(run.records[1]).toMatchObject({ contactId: null, comment: null, trust: null, repurchase: null, productSat: null, valueForMoney: null, csat: 1 });
  });
});
