import { runFeed } from '../testing/run-feed';
import { WfmScheduleParser } from './schedule';

const ms = Date.parse;

describe('wfm-schedule', () => {
  it('header is read and accepted, every activity of kpis.md accepted, bad rows quarantined with their reasons', async () => {
    const run = await runFeed('wfm-schedule', 'wfm-schedule.sample.csv');
    expect(run.outcomes.map((o) => o.reason ?? o.status)).toEqual([
      'accepted', // header
      ...Array(12).fill('accepted'),
      'bad-timestamp', // no offset
      'negative-duration',
      'unknown-activity',
      'wrong-field-count',
      'missing-field:agent_id',
      'bad-csv',
    ]);
    expect(run.outcomes[0].records).toEqual([]);
    expect(run.records[1]).toEqual({ kind: 'schedule', agentRef: 'a-17', start: ms('2024-06-10T11:30:00Z'), end: ms('2024-06-10T12:30:00Z'), activity: 'lunch' });
  });

  it('configured extra activities are accepted', async () => {
    const run = await runFeed('wfm-schedule', { text: 'agent_id,start,end,activity\na-1,2024-06-10T09:00:00Z,2024-06-10T10:00:00Z,Gardening\n' }, new WfmScheduleParser({ extraActivities: ['gardening'] }));
    expect(run.records).toEqual([{ kind: 'schedule', agentRef: 'a-1', start: ms('2024-06-10T09:00:00Z'), end: ms('2024-06-10T10:00:00Z'), activity: 'gardening' }]);
  });

  it('a named course or coaching topic (action.md `training:<course>`, `coaching:<topic>`) is accepted; another named activity is not', async () => {
    const text = 'agent_id,start,end,activity\na-1,2024-06-10T09:00:00Z,2024-06-10T13:00:00Z,training:Objections\na-1,2024-06-11T09:00:00Z,2024-06-11T09:30:00Z,coaching:acw\na-1,2024-06-11T10:00:00Z,2024-06-11T10:30:00Z,lunch:long\n';
    const run = await runFeed('wfm-schedule', { text }, new WfmScheduleParser());
    expect(run.outcomes.map((o) => o.reason ?? o.status)).toEqual(['accepted', 'accepted', 'accepted', 'unknown-activity']);
    expect(run.records.map((r) => (r.kind === 'schedule' ? r.activity : r.kind))).toEqual(['training:objections', 'coaching:acw']);
  });
});

describe('wfm-forecast', () => {
  it('reads 15-minute intervals with optional required_agents; quarantines misaligned, negative and non-numeric rows', async () => {
    const run = await runFeed('wfm-forecast', 'wfm-forecast.sample.csv');
    expect(run.outcomes.map((o) => o.reason ?? o.status)).toEqual([
      'accepted', 'accepted', 'accepted', 'accepted',
      'bad-interval', 'negative-number:volume', 'negative-duration', 'bad-number:volume', 'wrong-field-count',
    ]);
    expect(run.records).toEqual([
      { kind: 'forecast', siteRef: 'lon', queueRef: 'q-sales', intervalStart: ms('2024-06-10T08:00:00Z'), volume: 120, ahtSeconds: 300, requiredAgents: 44 },
      { kind: 'forecast', siteRef: 'lon', queueRef: 'q-sales', intervalStart: ms('2024-06-10T08:15:00Z'), volume: 130.5, ahtSeconds: 295, requiredAgents: null },
      // 09:45 at +05:45 = 04:00 UTC, still on a 15-minute boundary
      { kind: 'forecast', siteRef: 'ktm', queueRef: 'q-support', intervalStart: ms('2024-06-10T04:00:00Z'), volume: 10, ahtSeconds: 400, requiredAgents: null },
    ]);
  });
});

/** customer.md optional columns: null when a file does not have them (today's files). */
const NO_EXTRAS = { contactId: null, comment: null, trust: null, repurchase: null, productSat: null, valueForMoney: null };

describe('survey', () => {
  it('empty items are unanswered, scale defaults to 1..7, date-only means UTC midnight', async () => {
    const run = await runFeed('survey', 'survey.sample.csv');
    expect(run.outcomes.map((o) => o.reason ?? o.status)).toEqual([
      'accepted', 'accepted', 'accepted', 'accepted',
      'out-of-scale:q1', 'bad-value:nps', 'bad-value:scale', 'bad-timestamp', 'wrong-field-count',
    ]);
    expect(run.records).toEqual([
      { kind: 'survey', customerRef: '+441632960001', respondedAt: ms('2024-06-11T10:00:00Z'), mainChannel: 'phone', channelChain: 'web>phone', items: [6, 7, 5, null, 4], csat: 4, nps: 9, scaleMin: 1, scaleMax: 7 , ...NO_EXTRAS },
      { kind: 'survey', customerRef: 'bob@example.com', respondedAt: ms('2024-06-11T09:00:00Z'), mainChannel: 'web', channelChain: 'web', items: [3, null, null, null, null], csat: null, nps: null, scaleMin: 1, scaleMax: 5 , ...NO_EXTRAS },
      { kind: 'survey', customerRef: null, respondedAt: ms('2024-06-12T00:00:00Z'), mainChannel: 'store', channelChain: 'web>phone>store', items: [1, 2, 3, 4, 5], csat: null, nps: null, scaleMin: 0, scaleMax: 10 , ...NO_EXTRAS },
    ]);
  });
});
