/**
 * Where a request's CPU goes: runs Masq (compiled, log level info) under
 * `node --cpu-prof`, loads one route with autocannon, and prints self time per
 * package and per function, in µs per request.
 *
 * Usage: npm run bench:api:profile   (env: BENCH_ROUTES=create,resolve BENCH_DURATION_S=8
 *        BENCH_CONNECTIONS=16 BENCH_SESSIONS=20000 BENCH_NO_BUILD=1)
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createStore } from '../../src/store/index.js';
import { startRedis } from '../../test/helpers/redis-server.js';
import { freePort } from '../../test/helpers/ports.js';
import { start, waitHttp } from '../lib/processes.js';
import { fmt, load } from '../lib/load.js';
import { printSummary, summarize } from '../lib/cpu-profile.js';
import { KEY, addNumbers, auth, person, seed, virtual } from './fixtures.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 20_000);
const ROUTES = (process.env.BENCH_ROUTES ?? 'create,resolve').split(',');

async function main(): Promise<void> {
  if (!existsSync('dist/index.js') || !process.env.BENCH_NO_BUILD) execSync('npm run build', { stdio: 'ignore' });
  const redisServer = await startRedis();
  const r = new Redis(redisServer.url);
  const store = createStore({ redis: r, prefix: 'masq:', limits: { ttlMaxS: 86_400, tombstoneRetentionS: 30 * 86_400 } });
  let routes: [string, string][] = [];
  let k = 0;
  try {
    for (const route of ROUTES) {
      const dir = mkdtempSync(join(tmpdir(), 'masq-prof-'));
      const port = await freePort();
      const masq = start('node', ['--cpu-prof', '--cpu-prof-dir', dir, 'dist/index.js'], {
        MASQ_HTTP_PORT: String(port),
        MASQ_REDIS_URL: redisServer.url,
        MASQ_API_KEYS: KEY,
        MASQ_LOG_LEVEL: 'info',
        MASQ_SIP_ENABLED: 'false',
        MASQ_WEBHOOK_ENABLED: 'false',
      });
      const url = `http://127.0.0.1:${port}`;
      await waitHttp(`${url}/readyz`);
      if (routes.length === 0) {
        await addNumbers(url, 'bench', Array.from({ length: 10_000 }, (_, i) => virtual(i)));
        routes = await seed(store, 'bench', SESSIONS, (i) => [person(i % 60_000), person(100_000 + (i % 20_000), 3)], (i) => ({ clientReference: `order-${i}` }));
      }
      const common = { durationS: DURATION_S, connections: CONNECTIONS, headers: auth };
      const res =
        route === 'resolve'
          ? await load({
              ...common,
              label: 'GET /v1/resolve',
              url: `${url}/v1/resolve`,
              next: () => {
                const [from, to] = routes[k++ % routes.length] as [string, string];
                return { path: `/v1/resolve?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` };
              },
            })
          : await load({
              ...common,
              label: 'POST /v1/sessions',
              url: `${url}/v1/sessions`,
              method: 'POST',
              next: () => {
                const i = k++;
                return { body: JSON.stringify({ poolId: 'bench', firstParty: person(400_000 + i), secondParty: person(900_000 + i, 5), clientReference: `order-${i}` }) };
              },
            });
      console.log(fmt(res));
      await masq.stop();
      const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error(`no profile written in ${dir}`);
      printSummary(res.label, summarize(join(dir, file), Number(process.env.BENCH_TOP ?? 40)), res.ok + res.non2xx);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    r.disconnect();
    await redisServer.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
