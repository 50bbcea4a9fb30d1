/*
 * A real Kinesis-protocol server for tests: kinesalite (npm, in-memory), on a free local port.
 * It speaks HTTP/1.1 only: clients use NodeHttpHandler (the Kinesis client defaults to HTTP/2).
 */
import { CreateStreamCommand, DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

interface KinesaliteOptions {
  createStreamMs?: number;
  deleteStreamMs?: number;
  updateStreamMs?: number;
  shardLimit?: number;
}
// kinesalite ships no types: it is a factory of an http.Server.
const kinesalite = require('kinesalite') as (o: KinesaliteOptions) => Server;

export interface LocalKinesis {
  endpoint: string;
  client(): KinesisClient;
  createStream(name: string, shards: number): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalKinesis(): Promise<LocalKinesis> {
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: KinesisClient[] = [];
  const client = () => {
    const c = new KinesisClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, requestHandler: new NodeHttpHandler() });
    clients.push(c);
    return c;
  };
  return {
    endpoint,
    client,
    async createStream(name, shards) {
      const c = client();
      await c.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
      await waitActive(c, name);
    },
    async close() {
      for (const c of clients) c.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

export async function waitActive(c: KinesisClient, name: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const s = await c.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    if (s.StreamDescriptionSummary?.StreamStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`stream ${name} did not become ACTIVE`);
}
