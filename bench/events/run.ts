/**
 * Webhook benchmark: how fast the outbox drains to a local receiver.
 * 1. 10,000 sessions are created and closed through the store (20,000 events,
 *    two per session) while no worker runs;
 * 2. Masq starts with the worker on (MASQ_WEBHOOK_CONCURRENCY, default 32) and the
 *    receiver (a separate node:http process answering 204) counts deliveries;
 * 3. prints deliveries/s and checks per-session order.
 * The outbox's cost on session creation is the create script's time, printed by
 * bench/api (compare with a run of a commit before the outbox).
 * Usage: npm run bench:events
 */
import { execSync, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createStore } from '../../src/store/index.js';
import { parseNumber } from '../../src/masking/e164.js';
import { startRedis } from '../../test/helpers/redis-server.js';
import { freePort } from '../../test/helpers/ports.js';
import { start, waitHttp } from '../lib/processes.js';

const SESSIONS = Number(process.env.BENCH_EVENTS_SESSIONS ?? 10_000);
const HERE = fileURLToPath(new URL('.', import.meta.url));
const phone = (n: string) => parseNumber(n, 'US')!;

async function main(): Promise<void> {
  execSync('npm run build', { stdio: 'ignore' });
  const redisServer = await startRedis();
  const redis = new Redis(redisServer.url);
  const store = createStore({ redis, prefix: 'masq:', limits: { ttlMaxS: 86_400, tombstoneRetentionS: 86_400 } });
  const recvPort = await freePort();
  const receiver = fork(`${HERE}receiver.ts`, [String(recvPort), String(SESSIONS * 2)], { execArgv: ['--import', 'tsx'] });
  await new Promise((r) => receiver.once('message', r));

  await store.pools.create('ev', '');
  await store.pools.addNumbers('ev', Array.from({ length: 1000 }, (_, i) => ({ phone: phone(`+1202555${String(i).padStart(4, '0')}`), capabilities: ['voice'] })));
  let next = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < SESSIONS) {
        const i = next++;
        const s = await store.sessions.create({
          poolId: 'ev',
          mode: 'shared',
          firstParty: phone(`+1415${String(2_000_000 + i)}`),
          secondParty: phone(`+1212${String(2_000_000 + i)}`),
          ttlSeconds: 86_400,
          options: { record: false, initiateCallToFirstParty: false, callbackUrl: `http://127.0.0.1:${recvPort}/hook` },
        });
        await store.sessions.close(s.id);
      }
    }),
  );
  console.log(`outbox: ${SESSIONS * 2} events written in ${((Date.now() - t0) / 1000).toFixed(1)} s with their sessions (create + close)`);

  const port = await freePort();
  const t1 = Date.now();
  const masq = start('node', ['dist/index.js'], {
    MASQ_HTTP_PORT: String(port),
    MASQ_REDIS_URL: redisServer.url,
    MASQ_API_KEYS: 'bench-key-0123456789abcdef',
    MASQ_SIP_ENABLED: 'false',
    MASQ_WEBHOOK_SECRET: 'bench-secret-0123456789',
    MASQ_LOG_LEVEL: 'warn',
  });
  await waitHttp(`http://127.0.0.1:${port}/healthz`);
  const result = await new Promise<{ count: number; ms: number; outOfOrder: number }>((resolve) => receiver.once('message', (m) => resolve(m as { count: number; ms: number; outOfOrder: number })));
  const seconds = (Date.now() - t1) / 1000;
  console.log(`delivered ${result.count} events in ${seconds.toFixed(1)} s from worker start = ${(result.count / seconds).toFixed(0)} events/s (first to last delivery: ${(result.count / (result.ms / 1000)).toFixed(0)}/s); sessions delivered out of order: ${result.outOfOrder}`);
  await masq.stop();
  receiver.kill();
  redis.disconnect();
  await redisServer.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
