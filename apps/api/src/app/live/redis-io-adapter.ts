import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';

/** Servers whose rooms are shared with other API processes (the gateway relays ingest to them). */
const shared = new WeakSet<object>();

export function isSharedServer(server: object): boolean {
  return shared.has(server);
}

/** The socket.io of @nestjs/platform-socket.io (it may be a nested copy of the package). */
type NestIoServer = ReturnType<IoAdapter['createIOServer']>;
type AdapterCtor = Parameters<NestIoServer['adapter']>[0];

/**
 * The socket.io adapter for several API processes (`REDIS_URL`): rooms, broadcasts and
 * server-side events go through Redis pub/sub, on two connections (a subscriber connection cannot
 * publish). `key` separates deployments (and tests) sharing one Redis.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly log = new Logger('RedisIoAdapter');
  private adapterConstructor: ReturnType<typeof createAdapter> | null = null;
  private clients: { quit(): Promise<unknown> }[] = [];

  constructor(app: INestApplicationContext) {
    super(app);
  }

  /** Connects both clients; fails with one line naming the URL's host when Redis does not answer. */
  async connectToRedis(url: string, key = 'floorwatch'): Promise<void> {
    const pub = createClient({ url, socket: { reconnectStrategy: (retries) => (retries > 3 ? false : 200) } });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) c.on('error', (e: Error) => this.log.warn(`redis: ${e.message}`));
    try {
      await Promise.all([pub.connect(), sub.connect()]);
    } catch (e) {
      await Promise.allSettled([pub.destroy(), sub.destroy()]);
      throw new Error(`cannot connect to Redis at ${redact(url)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.clients = [pub, sub];
    this.adapterConstructor = createAdapter(pub, sub, { key });
  }

  override createIOServer(port: number, options?: Parameters<IoAdapter['createIOServer']>[1]): NestIoServer {
    const server = super.createIOServer(port, options);
    if (this.adapterConstructor) {
      server.adapter(this.adapterConstructor as unknown as AdapterCtor);
      shared.add(server);
    }
    return server;
  }

  override async close(server: NestIoServer): Promise<void> {
    await super.close(server);
    const clients = this.clients;
    this.clients = [];
    await Promise.allSettled(clients.map((c) => c.quit()));
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    u.password = u.password ? '***' : '';
    return u.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}
