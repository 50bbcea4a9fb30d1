import { runFeed } from './testing/run-feed';

describe('org document', () => {
  it('the whole document is one unit and one record; agent sites come from their team', async () => {
    const run = await runFeed('org', 'org.sample.json');
    expect(run.outcomes).toHaveLength(1);
    expect(run.outcomes[0].status).toBe('accepted');
    const rec = run.records[0];
    if (rec.kind !== 'org') throw new Error('expected org');
    expect(rec.org.agents.map((a) => [a.id, a.teamId, a.siteId])).toEqual([['a-17', 't-sales', 'lon'], ['a-18', 't-help', 'ktm'], ['a-99', null, 'unassigned']]);
    expect(rec.org.teams[1].leaderUserId).toBeNull();
    expect(rec.org.queues.map((q) => q.slSeconds)).toEqual([20, null]);
  });

  it.each([
    ['{"sites": [', 'truncated-json', 'Unexpected end'],
    ['{"sites":[{"id":"x","name":"X","timezone":"Mars/Olympus"}]}', 'invalid-org', 'sites.0.timezone: not an IANA time zone'],
    ['{"sites":[],"queues":[{"id":"q","name":"Q","channel":"fax","siteId":"unassigned"}]}', 'invalid-org', 'queues.0.channel'],
    ['{"sites":[],"teams":[{"id":"t","name":"T","siteId":"nowhere"}]}', 'invalid-org', 'team t: site "nowhere" does not exist'],
    ['{"sites":[],"agents":[{"id":"a","name":"A","aliases":["x"]},{"id":"b","name":"B","aliases":["x"]}]}', 'invalid-org', 'agent alias "x" belongs to both a and b'],
  ])('%s → %s', async (text, reason, detail) => {
    const run = await runFeed('org', { text });
    expect(run.outcomes[0]).toMatchObject({ status: 'quarantined', reason });
    expect(run.outcomes[0].detail).toContain(detail);
  });
});
