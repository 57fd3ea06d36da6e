/**
 * API benchmark. One run, one machine, one client:
 *   1. Masq (compiled, production log level) and a bare Express 5 reference, each
 *      loaded by the same client for the same duration and connections; and the
 *      ceiling (bench/api/http-ceiling.ts: Masq's HTTP layer with no Redis behind it);
 *   2. 10,000 numbers and 100,000 open sessions stored before the load;
 *   3. Redis bytes per open session;
 *   4. allocation cost (server-side µs per create script, and client-side latency)
 *      at 1,000 vs 100,000 numbers, and for a participant with 0 vs 5,000 sessions.
 *
 * Usage: npm run bench:api   (env: BENCH_DURATION_S=10 BENCH_CONNECTIONS=16 BENCH_SESSIONS=100000
 *        BENCH_CLIENT=autocannon,agent,fetch)
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Redis } from 'ioredis';
import { createStore, type Store } from '../../src/store/index.js';
import { AREAS, KEY, addNumbers, auth, opts, person, phone, scriptMicros, seed, usedMemory, virtual } from './fixtures.js';
import { startRedis } from '../../test/helpers/redis-server.js';
import { freePort } from '../../test/helpers/ports.js';
import { cpuMs, pct, start, waitHttp } from '../lib/processes.js';
import { fmt, load, type LoadSpec } from '../lib/load.js';
import { agentLoad } from '../lib/agent-load.js';
import { fetchLoad } from '../lib/fetch-load.js';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100_000);
/** Sequential creates: client latency and server-side script µs. */
async function allocationCost(store: Store, r: Redis, poolId: string, n: number, parties: (i: number) => [string, string]) {
  await r.config('RESETSTAT');
  const lat: number[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = parties(i);
    const t0 = process.hrtime.bigint();
    await store.sessions.create({ poolId, mode: 'shared', firstParty: phone(a), secondParty: phone(b), ttlSeconds: 86_400, options: opts });
    lat.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  lat.sort((x, y) => x - y);
  return { serverUs: await scriptMicros(r), p50: pct(lat, 50), p99: pct(lat, 99) };
}

async function main(): Promise<void> {
  if (!existsSync('dist/index.js') || !process.env.BENCH_NO_BUILD) execSync('npm run build', { stdio: 'ignore' });
  const redisServer = await startRedis();
  const r = new Redis(redisServer.url);
  const store = createStore({ redis: r, prefix: 'masq:', limits: { ttlMaxS: 86_400, tombstoneRetentionS: 30 * 86_400 } });
  const [masqPort, barePort, ceilingPort] = [await freePort(), await freePort(), await freePort()];
  const masq = start('node', ['dist/index.js'], {
    MASQ_HTTP_PORT: String(masqPort),
    MASQ_REDIS_URL: redisServer.url,
    MASQ_API_KEYS: KEY,
    MASQ_LOG_LEVEL: 'info',
    MASQ_SIP_ENABLED: 'false',
    // The outbox is written (and measured); nothing is delivered from a benchmark.
    MASQ_WEBHOOK_ENABLED: 'false',
  });
  const bare = start('node', ['--import', 'tsx', 'bench/api/bare-express.ts', String(barePort)]);
  const ceiling = start('node', ['--import', 'tsx', 'bench/api/http-ceiling.ts', String(ceilingPort), KEY]);
  const ceilingUrl = `http://127.0.0.1:${ceilingPort}`;
  const masqUrl = `http://127.0.0.1:${masqPort}`;
  const bareUrl = `http://127.0.0.1:${barePort}`;
  try {
    await Promise.all([waitHttp(`${masqUrl}/readyz`), waitHttp(`${bareUrl}/bare`), waitHttp(`${ceilingUrl}/healthz`)]);

    // ---- state: 10,000 numbers, SESSIONS open sessions ----
    await addNumbers(masqUrl, 'bench', Array.from({ length: 10_000 }, (_, i) => virtual(i)));
    const mem0 = await usedMemory(r);
    const t0 = Date.now();
    const routes = await seed(store, 'bench', SESSIONS, (i) => [person(i % 60_000), person(100_000 + (i % 20_000), 3)], (i) => ({ clientReference: `order-${i}` }));
    const seedS = (Date.now() - t0) / 1000;
    const mem1 = await usedMemory(r);
    // The outbox (one session.created entry per session, kept 7 days) is a
    // time-bounded buffer, not session state: report it apart.
    const outbox = Number(await r.memory('USAGE', 'masq:events', 'SAMPLES', '0'));
    const events = await r.xlen('masq:events');
    const perSession = (mem1 - mem0 - outbox) / SESSIONS;
    const perEvent = outbox / Math.max(1, events);
    const rich0 = await usedMemory(r);
    await seed(store, 'bench', 10_000, (i) => [person(200_000 + i), person(300_000 + i)], (i) => ({
      clientReference: `order-2026-${i}`,
      callbackUrl: 'https://hooks.example.com/masq/events',
      metadata: { orderId: `A-${i}`, market: 'sf' },
    }));
    const perRich = ((await usedMemory(r)) - rich0) / 10_000;

    // ---- load: reference first, then Masq, same client and settings; once per client ----
    let k = 0;
    const summary: string[] = [];
    const clients = (process.env.BENCH_CLIENT ?? 'autocannon,agent,fetch').split(',');
    for (const client of clients) {
      const loader = client === 'agent' ? agentLoad : client === 'fetch' ? fetchLoad : load;
      console.log(`-- client: ${client === 'agent' ? 'node:http keep-alive Agent' : client === 'fetch' ? 'fetch (undici, keep-alive)' : 'autocannon'}`);
      // CPU each server-side process spends per answered request, from /proc.
      const run = async (spec: LoadSpec, serverPid: number | undefined) => {
        const [s0, r0] = [cpuMs(serverPid), cpuMs(redisServer.pid())];
        const res = await loader(spec);
        const n = res.ok + res.non2xx;
        const serverUs = ((cpuMs(serverPid) - s0) * 1000) / n;
        const redisUs = ((cpuMs(redisServer.pid()) - r0) * 1000) / n;
        console.log(`${fmt(res)}  cpu/req: node ${serverUs.toFixed(0)} µs, redis ${redisUs.toFixed(0)} µs`);
        return res;
      };
      const common = { durationS: DURATION_S, connections: CONNECTIONS };
      const bareGet = await run({ ...common, label: 'bare GET', url: `${bareUrl}/bare?from=%2B14155550123&to=%2B12025550100` }, bare.proc.pid);
      // from/to of stored sessions, in turn.
      const resolveSpec = (label: string, base: string): LoadSpec => ({
        ...common,
        label,
        url: `${base}/v1/resolve`,
        headers: auth,
        next: () => {
          const [from, to] = routes[k++ % routes.length] as [string, string];
          return { path: `/v1/resolve?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}` };
        },
      });
      const resolve = await run(resolveSpec('GET /v1/resolve', masqUrl), masq.proc.pid);
      const body = (i: number) =>
        JSON.stringify({ poolId: 'bench', firstParty: person(400_000 + i), secondParty: person(900_000 + i, 5), clientReference: `order-${i}` });
      const post = { ...common, method: 'POST' as const, headers: auth, next: () => ({ body: body(k++) }) };
      const barePost = await run({ ...post, label: 'bare POST', url: `${bareUrl}/bare` }, bare.proc.pid);
      const create = await run({ ...post, label: 'POST /v1/sessions', url: `${masqUrl}/v1/sessions` }, masq.proc.pid);
      // The same two routes of Masq's HTTP layer over an in-memory stand-in store:
      // how far the ratio could go if Redis cost nothing.
      const ceilResolve = await run(resolveSpec('ceiling resolve', ceilingUrl), ceiling.proc.pid);
      const ceilCreate = await run({ ...post, label: 'ceiling create', url: `${ceilingUrl}/v1/sessions` }, ceiling.proc.pid);
      summary.push(
        `[${client}] create:  ${create.rps.toFixed(0)} req/s = ${(create.rps / barePost.rps).toFixed(2)}x bare POST (${barePost.rps.toFixed(0)}), p99 ${create.p99.toFixed(1)} ms, non-2xx ${create.non2xx}, errors ${create.errors}; without Redis (ceiling) ${(ceilCreate.rps / barePost.rps).toFixed(2)}x`,
        `[${client}] resolve: ${resolve.rps.toFixed(0)} req/s = ${(resolve.rps / bareGet.rps).toFixed(2)}x bare GET (${bareGet.rps.toFixed(0)}), p99 ${resolve.p99.toFixed(1)} ms, non-2xx ${resolve.non2xx}, errors ${resolve.errors}; without Redis (ceiling) ${(ceilResolve.rps / bareGet.rps).toFixed(2)}x`,
      );
    }
    await masq.stop();
    await bare.stop();
    await ceiling.stop();

    // ---- allocation cost vs pool size and participant weight (Masq stopped: only our scripts run) ----
    await addNumbersDirect(store, 'alloc-1k', Array.from({ length: 1_000 }, (_, i) => virtual(i, 556)));
    await addNumbersDirect(store, 'alloc-100k', Array.from({ length: 100_000 }, (_, i) => virtualWide(i)));
    await seed(store, 'alloc-1k', 5_000, (i) => [person(500_000 + i), person(600_000 + i)]);
    await seed(store, 'alloc-100k', 5_000, (i) => [person(500_000 + i), person(600_000 + i)]);
    const small = await allocationCost(store, r, 'alloc-1k', 3_000, (i) => [person(700_000 + i), person(800_000 + i)]);
    const large = await allocationCost(store, r, 'alloc-100k', 3_000, (i) => [person(700_000 + i), person(800_000 + i)]);
    await addNumbersDirect(store, 'alloc-hub', Array.from({ length: 10_000 }, (_, i) => virtual(i, 557)));
    const hub = '+14155559999';
    const hubLight = await allocationCost(store, r, 'alloc-hub', 500, (i) => [hub, person(1_000_000 + i)]);
    await seed(store, 'alloc-hub', 5_000, (i) => [hub, person(1_100_000 + i)]);
    const hubHeavy = await allocationCost(store, r, 'alloc-hub', 500, (i) => [hub, person(1_200_000 + i)]);

    const line = (label: string, x: { serverUs: number; p50: number; p99: number }) =>
      `${label.padEnd(38)} script ${x.serverUs.toFixed(1).padStart(6)} µs/create  client p50 ${x.p50.toFixed(2)} ms  p99 ${x.p99.toFixed(2)} ms`;
    console.log('');
    console.log(`seeded ${SESSIONS} sessions in ${seedS.toFixed(1)} s (${(SESSIONS / seedS).toFixed(0)}/s through the store, 64 in flight)`);
    console.log(`redis bytes per open session: ${perSession.toFixed(0)} (with clientReference), ${perRich.toFixed(0)} all in (clientReference + callbackUrl + metadata, outbox included)`);
    console.log(`event outbox: ${perEvent.toFixed(0)} bytes per event in the log (kept 7 days); all in per new session, its session.created event included: ${((mem1 - mem0) / SESSIONS).toFixed(0)}`);
    console.log(line('allocation, pool of 1,000 numbers', small));
    console.log(line('allocation, pool of 100,000 numbers', large));
    console.log(line('hub participant with ~0 sessions', hubLight));
    console.log(line('hub participant with 5,500 sessions', hubHeavy));
    console.log('');
    for (const l of summary) console.log(l);
    console.log(`(${DURATION_S} s per run, ${CONNECTIONS} keep-alive connections, autocannon in one process, ${SESSIONS} open sessions on 10,000 numbers)`);
  } finally {
    await masq.stop();
    await bare.stop();
    await ceiling.stop();
    r.disconnect();
    await redisServer.stop();
  }
}

/** 100,000 distinct valid numbers: 10 areas × 10 exchanges × 1,000. */
function virtualWide(i: number): string {
  const area = AREAS[i % 10] as string;
  const exch = 560 + (Math.floor(i / 10) % 10);
  return `+1${area}${exch}${String(Math.floor(i / 100)).padStart(4, '0')}`;
}

async function addNumbersDirect(store: Store, poolId: string, numbers: string[]): Promise<void> {
  await store.pools.create(poolId, '');
  const r = await store.pools.addNumbers(poolId, numbers.map((n) => ({ phone: phone(n), capabilities: ['voice'] })));
  if (r.added !== numbers.length) throw new Error(`${poolId}: added ${r.added} of ${numbers.length}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
