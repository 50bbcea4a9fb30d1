import { runFeed } from '../testing/run-feed';

const ms = Date.parse;

/*
 * A survey export with three questions names q1..q3 and csat in its header: its cells are read by
 * those names (q4, q5 not answered), never shifted into the documented positions. A header that
 * lacks a column no row can do without is quarantined with the reason, and so is every row.
 */
describe('CSV feeds read a recognised header by its names, even when it omits columns', () => {
  it('survey header without q4, q5 and nps: three rows, q4/q5 unanswered, csat and scale from their own columns', async () => {
    const text = [
      'customer_id,responded_at,main_channel,channel_chain,q1,q2,q3,csat,scale_min,scale_max',
      'C1,2026-12-04T10:00:00Z,phone,phone,5,6,7,4,1,7',
      'C2,2026-12-04T11:00:00Z,chat,web>chat,1,,3,7,1,7',
      'C3,2026-12-04T12:00:00Z,phone,,10,8,9,9,0,10',
    ].join('\n');
    const run = await runFeed('survey', { text });
    expect(run.outcomes.map((o) => o.reason ?? o.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(run.records).toHaveLength(3);
    expect(run.records[0]).toMatchObject({ customerRef: 'C1', respondedAt: ms('2026-12-04T10:00:00Z'), items: [5, 6, 7, null, null], csat: 4, nps: null, scaleMin: 1, scaleMax: 7 });
    expect(run.records[1]).toMatchObject({ items: [1, null, 3, null, null], csat: 7, channelChain: 'web>chat' });
    // Read by position this row would have had q4 = 9 (the csat), q5 = 0, csat = 10 on a 1..7 scale.
    expect(run.records[2]).toMatchObject({ items: [10, 8, 9, null, null], csat: 9, scaleMin: 0, scaleMax: 10 });
  });

  it('survey header in another order, with nps before the items: read by name', async () => {
    const text = ['nps,q5,q4,q3,q2,q1,channel_chain,main_channel,responded_at,customer_id', '9,1,2,3,4,5,web,web,2026-12-04T10:00:00Z,C9'].join('\n');
    const run = await runFeed('survey', { text });
    expect(run.records[0]).toMatchObject({ customerRef: 'C9', items: [5, 4, 3, 2, 1], nps: 9, mainChannel: 'web' });
  });

  it('a header without responded_at: the header is quarantined with the missing column, each row as missing it, nothing read by position', async () => {
    const text = ['customer_id,main_channel,channel_chain,q1,q2,q3,q4,q5', 'C1,phone,phone,1,2,3,4,5'].join('\n');
    const run = await runFeed('survey', { text });
    expect(run.records).toHaveLength(0);
    expect(run.outcomes[0]).toMatchObject({ status: 'quarantined', reason: 'bad-header' });
    expect(run.outcomes[0].detail).toContain('responded_at');
    expect(run.outcomes[1]).toMatchObject({ status: 'quarantined' });
    expect(run.outcomes[1].detail).toContain('responded_at');
  });

  it('a file with no header still reads the documented positions (9 to 13 fields)', async () => {
    const run = await runFeed('survey', { text: 'C1,2026-12-04T10:00:00Z,phone,phone,1,2,3,4,5,6,8\nC2,2026-12-04T10:00:00Z,phone,phone,1,2,3' });
    expect(run.records[0]).toMatchObject({ items: [1, 2, 3, 4, 5], csat: 6, nps: 8 });
    expect(run.outcomes[1]).toMatchObject({ status: 'quarantined', reason: 'wrong-field-count' });
  });
});
