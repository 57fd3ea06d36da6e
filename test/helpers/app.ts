/**
 * Starts the real Masq app (createApp, real HTTP on a free port) against a given
 * Redis, with a small JSON client for the API.
 */
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import type { Redis as RedisClient } from 'ioredis';
import { startRedis, type RedisServer } from './redis-server.js';
import type { DrachtioServer } from './drachtio.js';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createRedis, type Redis } from '../../src/store/redis.js';

export const TEST_KEY = 'test-key-0123456789abcdef';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestApp {
  app: App;
  redis: Redis;
  baseUrl: string;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  /** Raw log output (for privacy checks). */
  rawLogs(): string;
  /** The app's store, for reading state after the HTTP server has stopped. */
  store(): App['store'];
  api<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  stop(): Promise<void>;
}

export async function startApp(redisUrl: string, env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    MASQ_HTTP_PORT: '0',
    MASQ_REDIS_URL: redisUrl,
    MASQ_API_KEYS: TEST_KEY,
    MASQ_SWEEP_INTERVAL_MS: '100',
    MASQ_LOG_LEVEL: 'info',
    MASQ_SIP_ENABLED: 'false',
    // Off unless a test turns it on: sessions in other tests name non-loopback callback URLs.
    MASQ_WEBHOOK_ENABLED: 'false',
    // Off unless a test turns it on: many test files share the machine's two cores, and a
    // starved test process must not be taken for an overloaded one.
    MASQ_OVERLOAD_LAG_MS: '0',
    MASQ_OVERLOAD_ACK_DELAY_MS: '0',
    ...env,
  });
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  const log = createLogger({ level: config.logLevel, destination: sink });
  const redis = createRedis(config.redis, log);
  const app = createApp({ config, redis, log, version: 'test' });
  const port = await app.start();
  // Requests fail fast while Redis is not connected (no offline queue): wait for it.
  if (redis.status !== 'ready') await once(redis, 'ready');
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    redis,
    baseUrl,
    get logs() {
      return chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    rawLogs: () => chunks.join(''),
    store: () => app.store,
    async api(method, path, body, headers = {}) {
      const res = await fetch(baseUrl + path, {
        method,
        headers: {
          authorization: `Bearer ${TEST_KEY}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}),
      });
      const type = res.headers.get('content-type') ?? '';
      if (!type.includes('json') && type !== '') return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      await app.stop();
      redis.disconnect();
    },
  };
}

export interface AppContext {
  readonly redis: RedisServer;
  readonly t: TestApp;
  /** A plain Redis client for assertions on stored state. */
  readonly db: RedisClient;
}

/**
 * Registers beforeAll/afterAll that start a real redis-server and the app, and
 * stop both; the returned object is filled in once beforeAll has run.
 *
 * @example const ctx = useApp({ persistent: true }); it('…', () => ctx.t.api('GET', '/v1/pools'));
 */
export function useApp(opts: { env?: Record<string, string>; persistent?: boolean } = {}): AppContext {
  const ctx = {} as { redis: RedisServer; t: TestApp; db: RedisClient };
  beforeAll(async () => {
    ctx.redis = await startRedis({ persistent: opts.persistent ?? false });
    ctx.t = await startApp(ctx.redis.url, opts.env);
    ctx.db = ctx.redis.client();
  });
  afterAll(async () => {
    await ctx.t?.stop();
    await ctx.redis?.stop();
  });
  return ctx;
}

/** Environment for an app that takes calls through `drachtio` and sends them to a far end on `farEndPort`. */
export function sipEnv(drachtio: DrachtioServer, farEndPort: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    MASQ_SIP_ENABLED: 'true',
    MASQ_DRACHTIO_PORT: String(drachtio.adminPort),
    MASQ_DRACHTIO_SECRET: drachtio.secret,
    MASQ_TRUNK_OUTBOUND_URI: `sip:{number}@127.0.0.1:${farEndPort}`,
    MASQ_TRUNK_ALLOW: '127.0.0.1/32',
    ...extra,
  };
}

/** Waits until /readyz says every dependency (SIP included) is up. */
export async function waitReady(baseUrl: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while ((await fetch(`${baseUrl}/readyz`)).status !== 200) {
    if (Date.now() > until) throw new Error(`${baseUrl} not ready in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
