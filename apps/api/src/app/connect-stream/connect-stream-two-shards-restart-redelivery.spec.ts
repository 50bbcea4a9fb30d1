import { type KinesisClient, PutRecordsCommand, SplitShardCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { Readable } from 'node:stream';
import type { FeedFormat } from '@floorwatch/contracts';
import { withTestDatabase, type TestDatabase } from '../../testing/test-database';
import { services } from '../ingest/ingest-test-kit';
import type { IngestService } from '../ingest/ingest.service';
import { KinesisStreamConsumer } from './kinesis-stream-consumer';
import { ShardCheckpoints, shardKey } from './shard-checkpoints';
import { startLocalKinesis, waitActive, type LocalKinesis } from './testing/local-kinesis';

const ARN = 'arn:aws:connect:eu-west-2:123456789012:instance/i-1';
const T = Date.parse('2024-06-10T09:00:00Z');
const iso = (s: number) => new Date(T + s * 1000).toISOString();

/** A contact trace record in Amazon Connect's shape (as in /work/shared/feeds-wild/connect-ctr). */
function ctr(n: number, o: { agent?: string; updated?: number } = {}) {
  const start = n * 600;
  const agent = o.agent
    ? { Username: o.agent, ARN: `${ARN}/agent/${o.agent}`, ConnectedToAgentTimestamp: iso(start + 30), AgentInteractionDuration: 200, CustomerHoldDuration: 10, AfterContactWorkDuration: 30, AgentConnectionAttempts: 1 }
    : null;
  return {
    AWSAccountId: '123456789012', AWSContactTraceRecordFormatVersion: '2017-03-10', ContactId: `ctr-${n}`, InitialContactId: null, PreviousContactId: null, NextContactId: null,
    Channel: 'VOICE', InitiationMethod: 'INBOUND', InstanceARN: ARN, InitiationTimestamp: iso(start), ConnectedToSystemTimestamp: iso(start),
    DisconnectTimestamp: iso(start + (o.agent ? 270 : 45)), LastUpdateTimestamp: iso(start + 300 + (o.updated ?? 0)),
    CustomerEndpoint: { Address: `+4420790000${String(n).padStart(2, '0')}`, Type: 'TELEPHONE_NUMBER' }, SystemEndpoint: { Address: '+442000000000', Type: 'TELEPHONE_NUMBER' },
    Queue: { Name: 'Sales', ARN: `${ARN}/queue/sales`, EnqueueTimestamp: iso(start + 5), DequeueTimestamp: iso(start + (o.agent ? 30 : 45)), Duration: o.agent ? 25 : 40 },
    Agent: agent, Attributes: { callType: o.updated ? 'upgrade-updated' : 'upgrade' }, Recording: null, Recordings: null,
  };
}

/** An agent event stream record (Version 2019-05-25) for `user` at second `s`. */
function agentEvent(user: string, s: number, type: string, status: { Name: string; Type: string }, contacts: string[] = []) {
  return {
    AWSAccountId: '123456789012', AgentARN: `${ARN}/agent/${user}`, EventId: `${user}-${s}`, EventTimestamp: iso(s), EventType: type, InstanceARN: ARN, Version: '2019-05-25',
    CurrentAgentSnapshot: {
      AgentStatus: { ARN: `${ARN}/agent-state/${status.Name}`, Name: status.Name, Type: status.Type, StartTimestamp: iso(s) },
      Configuration: { Username: user, FirstName: user, LastName: 'X', RoutingProfile: { Name: 'Sales', ARN: `${ARN}/routing-profile/sales` } },
      Contacts: contacts.map((state, k) => ({ ContactId: `${user}-c${k}`, Channel: 'VOICE', InitiationMethod: 'INBOUND', State: state, StateStartTimestamp: iso(s), QueueTimestamp: iso(s - 10), Queue: { Name: 'Sales', ARN: `${ARN}/queue/sales` } })),
    },
  };
}
const AVAILABLE = { Name: 'Available', Type: 'ROUTABLE' };
const OFFLINE = { Name: 'Offline', Type: 'OFFLINE' };
/** One agent's shift: logged out → available → on a call → ACW → available → a break → logged out, a heartbeat that changes nothing. */
const shift = (user: string, t0: number) => [
  agentEvent(user, t0, 'LOGIN', OFFLINE),
  agentEvent(user, t0 + 5, 'STATE_CHANGE', AVAILABLE),
  agentEvent(user, t0 + 60, 'STATE_CHANGE', AVAILABLE, ['CONNECTED']),
  agentEvent(user, t0 + 260, 'STATE_CHANGE', AVAILABLE, ['ENDED']),
  agentEvent(user, t0 + 290, 'HEART_BEAT', AVAILABLE, ['ENDED']),
  agentEvent(user, t0 + 300, 'STATE_CHANGE', AVAILABLE),
  agentEvent(user, t0 + 900, 'STATE_CHANGE', { Name: 'Break', Type: 'CUSTOM' }),
  agentEvent(user, t0 + 1800, 'LOGOUT', OFFLINE),
];

const LOW = '0';
const HIGH = '300000000000000000000000000000000000000'; // above 2^127: the second of two shards

async function put(c: KinesisClient, stream: string, records: Array<{ key: string; hash: string; data: unknown }>): Promise<void> {
  const res = await c.send(new PutRecordsCommand({ StreamName: stream, Records: records.map((r) => ({ PartitionKey: r.key, ExplicitHashKey: r.hash, Data: Buffer.from(JSON.stringify(r.data)) })) }));
  expect(res.FailedRecordCount ?? 0).toBe(0);
}

/**
 * Issue 21 "Connect streams against the local Kinesis server": two shards per stream, a restart
 * mid-stream, records re-delivered (a producer retry, and a checkpoint lost in a crash), a shard
 * split: exact contacts and agent states.
 */
describe('fw connect-stream: Kinesis CTR and agent-event streams into ingest', () => {
  let db: TestDatabase;
  let kinesis: LocalKinesis;
  let ingest: IngestService;
  beforeAll(async () => {
    [db, kinesis] = await Promise.all([withTestDatabase(), startLocalKinesis()]);
    ingest = services(db).ingest;
    await Promise.all([kinesis.createStream('ctr', 2), kinesis.createStream('agents', 2)]);
  });
  afterAll(async () => {
    await kinesis.close();
    await db.close();
  });

  const consumer = (stream: string, format: FeedFormat) =>
    new KinesisStreamConsumer({ client: kinesis.client(), stream, format, checkpoints: new ShardCheckpoints(db.store), ingest: (b) => ingest.ingest(format, Readable.from([b]), { source: `kinesis:${stream}` }) });
  /** Rounds until three in a row bring nothing (a closed shard may answer one empty page before its end). */
  const drain = async (c: KinesisStreamConsumer) => {
    for (let i = 0, idle = 0; i < 40 && idle < 3; i++) idle = (await c.round()) ? 0 : idle + 1;
  };
  const count = async (sql: string) => Number((await db.store.query<{ n: number }>(sql))[0].n);

  it('reads both shards, resumes from checkpoints, counts re-deliveries as duplicates, follows a split', async () => {
    const c = kinesis.client();
    // 1st half: CTRs 0..5 (even ones answered by jdoe), shift of jdoe; over both shards.
    await put(c, 'ctr', [0, 1, 2, 3, 4, 5].map((n) => ({ key: `ctr-${n}`, hash: n % 2 ? HIGH : LOW, data: ctr(n, n % 2 ? {} : { agent: 'jdoe' }) })));
    await put(c, 'agents', shift('jdoe', 0).map((e) => ({ key: 'jdoe', hash: LOW, data: e })));
    let ctrs = consumer('ctr', 'connect-ctr');
    let agents = consumer('agents', 'connect-agent-events');
    await drain(ctrs);
    await drain(agents);
    expect(ctrs.total).toMatchObject({ read: 6, accepted: 6, duplicates: 0, quarantined: 0 });
    expect(agents.total).toMatchObject({ read: 8, accepted: 8, duplicates: 0, quarantined: 0 });

    // Restart: new consumers (state only in feed_state). Meanwhile: CTRs 6..9, asmith's shift on
    // the other shard, a producer retry of ctr-2 (same bytes, new sequence number), an update of
    // ctr-4 (later LastUpdateTimestamp: replaces it), and the checkpoint of the agents' first shard lost.
    await put(c, 'ctr', [6, 7, 8, 9].map((n) => ({ key: `ctr-${n}`, hash: n % 2 ? HIGH : LOW, data: ctr(n, n % 2 ? {} : { agent: 'asmith' }) })));
    await put(c, 'ctr', [{ key: 'ctr-2', hash: LOW, data: ctr(2, { agent: 'jdoe' }) }, { key: 'ctr-4', hash: LOW, data: ctr(4, { agent: 'jdoe', updated: 60 }) }]);
    await put(c, 'agents', shift('asmith', 3600).map((e) => ({ key: 'asmith', hash: HIGH, data: e })));
    const [first] = (await c.send(new ListShardsCommand({ StreamName: 'agents' }))).Shards!;
    await db.store.query('DELETE FROM feed_state WHERE key = $1', [shardKey('agents', first.ShardId!)]);
    ctrs = consumer('ctr', 'connect-ctr');
    agents = consumer('agents', 'connect-agent-events');
    await drain(ctrs);
    await drain(agents);
    // 4 new + ctr-2 again (duplicate) + ctr-4 updated (accepted: a new version, not a copy)
    expect(ctrs.total).toMatchObject({ read: 6, accepted: 5, duplicates: 1, quarantined: 0 });
    // jdoe's 8 events re-delivered from the start of their shard (duplicates) + asmith's 8
    expect(agents.total).toMatchObject({ read: 16, accepted: 8, duplicates: 8, quarantined: 0 });

    // Resharding: split the CTR stream's second shard; the parent's last record is read before its children's.
    const ctrShards = (await c.send(new ListShardsCommand({ StreamName: 'ctr' }))).Shards!;
    const parent = ctrShards[1];
    await c.send(new SplitShardCommand({ StreamName: 'ctr', ShardToSplit: parent.ShardId!, NewStartingHashKey: '255211775190703847597530955573826158592' }));
    await waitActive(c, 'ctr');
    await put(c, 'ctr', [
      { key: 'ctr-10', hash: '200000000000000000000000000000000000000', data: ctr(10, { agent: 'asmith' }) },
      { key: 'ctr-11', hash: HIGH, data: ctr(11) },
    ]);
    ctrs = consumer('ctr', 'connect-ctr');
    await drain(ctrs);
    expect(ctrs.total).toMatchObject({ read: 2, accepted: 2, duplicates: 0 });
    const cp = await new ShardCheckpoints(db.store).load('ctr', parent.ShardId!);
    expect(cp.finished).toBe(true);

    // Contacts: 12 CTRs, one row each (ctr-4's update replaced it); abandoned = odd ones without an agent.
    expect(await count('SELECT count(*)::int AS n FROM contacts')).toBe(12);
    expect(await count(`SELECT count(*)::int AS n FROM contacts WHERE outcome = 'abandoned'`)).toBe(6); // ctr-1,3,5,7,9,11
    expect(await count(`SELECT count(*)::int AS n FROM contacts WHERE reason = 'upgrade-updated'`)).toBe(1);
    // Agent states: 7 per shift, one per change (LOGIN offline, available, CONNECTED → on_contact,
    // ENDED → acw, available, CUSTOM Break → aux:break, LOGOUT); the heartbeat changes nothing.
    const states = await db.store.query<{ agent_id: string; state: string }>(`SELECT agent_id, state FROM agent_state_events ORDER BY agent_id, at`);
    const of = (a: string) => states.filter((s) => s.agent_id.endsWith(a)).map((s) => s.state);
    expect(of('jdoe')).toEqual(['logged_out', 'available', 'on_contact', 'acw', 'available', 'aux:break', 'logged_out']);
    expect(of('asmith')).toEqual(of('jdoe'));
  }, 60_000);
});
