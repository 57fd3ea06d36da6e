/**
 * Starts the real Masq app (createApp, real HTTP on a free port) against a given
 * Redis, with a small JSON client for the API.
 */
import { Writable } from 'node:stream';
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
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
    },
    async stop() {
      await app.stop();
      redis.disconnect();
    },
  };
}
