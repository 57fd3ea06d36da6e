/**
 * Soak and overload through Masq with sipp, one drachtio-server, bounded in calls
 * and time (the knee is bench:sip's highest clean rate on this machine):
 *   soak:     knee/2 calls/s for BENCH_SOAK_S, each held BENCH_SOAK_HOLD_MS. Per
 *             minute: answered, refused, failed (never answered), setup latency
 *             percentiles at the caller (INVITE → 200) and Masq's own mean (INVITE
 *             in → 200 out, from /metrics); Masq's RSS and Redis memory at start,
 *             every minute and at the end.
 *   overload: 2 × knee for BENCH_OVERLOAD_S, then knee/2 again for 30 s. Per 5 s:
 *             answered, refused with 503 (the caller ACKs it, as a trunk does),
 *             p50/p99/max of the answered and p99 of the refusals; an API probe
 *             creating sessions throughout (201 / 503 with Retry-After / slower than
 *             5 s); how long after the overload ends calls are all answered again
 *             (≥ 99 %, p99 under 500 ms: no INVITE needed a retransmission).
 *
 * drachtio-server's UDP receive buffer is the kernel's default (net.core.rmem_default):
 * 0.9.10 says it sets 4 MB but its socket keeps the default. At 212992 bytes an
 * overload is dropped packets, which nobody downstream can measure; the run says
 * so at the start. Production SIP hosts raise it (README, "Overload").
 *
 * Usage: npm run bench:soak   (needs drachtio-server: DRACHTIO_BIN or PATH, and sipp)
 * env: BENCH_KNEE=750 BENCH_SOAK_S=600 BENCH_SOAK_HOLD_MS=2000 BENCH_OVERLOAD_S=30
 *      BENCH_SOAK_PHASES=soak,overload MASQ_OVERLOAD_LAG_MS (Masq's setting, default its own)
 */
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createStore } from '../../src/store/index.js';
import { findDrachtio, startDrachtio, type DrachtioServer } from '../../test/helpers/drachtio.js';
import { freePort, waitUdpBound } from '../../test/helpers/ports.js';
import { startRedis } from '../../test/helpers/redis-server.js';
import { runBench, type Teardown } from '../lib/teardown.js';
import { runSipp } from '../../test/helpers/sipp.js';
import { pct, start, waitHttp } from '../lib/processes.js';
import { benchNumber, seedBenchSessions } from '../lib/masked-sessions.js';
import { parseMetrics, valueOf } from '../../test/helpers/metrics.js';

const KNEE = Number(process.env.BENCH_KNEE ?? 750);
const SOAK_S = Number(process.env.BENCH_SOAK_S ?? 600);
const HOLD_MS = Number(process.env.BENCH_SOAK_HOLD_MS ?? 2000);
const OVERLOAD_S = Number(process.env.BENCH_OVERLOAD_S ?? 30);
const RECOVERY_S = 30;
const PHASES = new Set((process.env.BENCH_SOAK_PHASES ?? 'soak,overload').split(','));
const KEY = 'bench-key-0123456789abcdef';
const HERE = fileURLToPath(new URL('.', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'masq-bench-soak-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Load {
  /** Resolves when sipp exits (every call answered, refused, or given up on). */
  done: Promise<void>;
  /** Response times so far: when the call started (ms since epoch), how long, answered (1) or refused (2). */
  times(): { at: number; ms: number; rtd: 1 | 2 }[];
  /** sipp's periodic statistics rows so far. */
  periods(): Record<string, string>[];
}

/** sipp placing `calls` calls at `rate`/s with the soak scenario; statistics every `periodS`. */
async function load(d: DrachtioServer, csv: string, rate: number, calls: number, periodS: number): Promise<Load> {
  const dir = mkdtempSync(join(work, 'sipp-'));
  const stat = join(dir, 'stat.csv');
  const proc = spawn(
    'sipp',
    [
      '-sf', join(HERE, 'scenarios/soak-uac.xml'), '-i', '127.0.0.1', '-p', String(await freePort()), `127.0.0.1:${d.sipPort}`,
      '-m', String(calls), '-l', String(Math.max(1000, rate * 40)), '-r', String(rate), '-d', String(HOLD_MS), '-inf', csv,
      '-nostdin', '-timeout', `${Math.ceil(calls / rate + HOLD_MS / 1000 + 60)}s`, '-max_recv_loops', '5000',
      '-trace_rtt', '-rtt_freq', '50', '-trace_stat', '-stf', stat, '-fd', String(periodS),
    ],
    { cwd: dir, stdio: 'ignore' },
  );
  const startedAt = Date.now();
  const done = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const rttFile = () => readdirSync(dir).find((f) => f.endsWith('_rtt.csv'));
  return {
    done,
    times() {
      const f = rttFile();
      if (!f) return [];
      const out: { at: number; ms: number; rtd: 1 | 2 }[] = [];
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
        // date_ms;response_time_ms;rtd_no — the date is when the response came, in ms since sipp started.
        const [date, ms, rtd] = line.split(';');
        const t = Number(date);
        const r = Number(ms);
        if (!Number.isFinite(t) || !Number.isFinite(r) || t <= 0) continue;
        out.push({ at: startedAt + t - r, ms: r, rtd: rtd?.trim() === '2' ? 2 : 1 });
      }
      return out;
    },
    periods() {
      if (!existsSync(stat)) return [];
      const lines = readFileSync(stat, 'utf8').trim().split('\n');
      const head = (lines[0] ?? '').split(';');
      return lines.slice(1).map((l) => Object.fromEntries(l.split(';').map((v, i) => [head[i] ?? String(i), v])));
    },
  };
}

function rssMb(pid: number | undefined): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
  } catch {
    return NaN;
  }
}

async function redisMb(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1]) / 1024 / 1024;
}

/** Masq's own setup time (INVITE in → 200 out): sum and count so far. */
async function masqSetup(url: string): Promise<{ sum: number; count: number; refused: number }> {
  const samples = parseMetrics(await (await fetch(`${url}/metrics`)).text());
  return {
    sum: valueOf(samples, 'masq_call_setup_seconds_sum', { stage: 'answered' }),
    count: valueOf(samples, 'masq_call_setup_seconds_count', { stage: 'answered' }),
    refused: valueOf(samples, 'masq_calls_total', { sip_status: '503' }),
  };
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

/** Creates sessions through the API until `stop`, a few at a time: what the API answered, and how fast. */
async function apiProbe(url: string, stopAt: number, concurrency = 4) {
  const out = { created: 0, shed: 0, shedWithRetryAfter: 0, other: new Map<number, number>(), slow: 0, ms: [] as number[] };
  let i = 0;
  const worker = async () => {
    while (Date.now() < stopAt) {
      const n = i++;
      const t0 = performance.now();
      try {
        const res = await fetch(`${url}/v1/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ poolId: 'bench', firstParty: benchNumber('303', n), secondParty: benchNumber('312', n), ttlSeconds: 600 }),
          signal: AbortSignal.timeout(5000),
        });
        await res.arrayBuffer();
        const ms = performance.now() - t0;
        if (res.status === 201) {
          out.created++;
          out.ms.push(ms);
        } else if (res.status === 503) {
          out.shed++;
          if (res.headers.get('retry-after')) out.shedWithRetryAfter++;
          await sleep(Number(res.headers.get('retry-after') ?? 1) * 100); // a polite client backs off a little
        } else out.other.set(res.status, (out.other.get(res.status) ?? 0) + 1);
      } catch {
        out.slow++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  out.ms.sort((a, b) => a - b);
  return out;
}

async function main(down: Teardown): Promise<void> {
  const bin = findDrachtio();
  if (!bin) throw new Error('drachtio-server not found: set DRACHTIO_BIN or put drachtio on PATH');
  execSync('npm run build', { stdio: 'ignore' });
  const redisServer = await startRedis();
  down.add(() => redisServer.stop());
  const redis = new Redis(redisServer.url);
  down.add(() => redis.disconnect());
  const store = createStore({ redis, prefix: 'masq:', limits: { ttlMaxS: 86_400, tombstoneRetentionS: 86_400 } });
  const uasPort = await freePort();
  const farEnd = runSipp({ scenario: join(HERE, '../sip/scenarios/bench-uas.xml'), localPort: uasPort, calls: 100_000_000, limit: 100_000, trace: false, timeoutS: 7200 });
  down.add(() => farEnd.pid && process.kill(farEnd.pid, 'SIGTERM'));
  await waitUdpBound(uasPort);

  // One session per caller, one virtual number per 50 sessions (and spares for the API probe's).
  const seeded = await seedBenchSessions(store, 10_000, 200);
  const lines = seeded.map((x) => `${x.caller};${x.virtual};`);
  const csv = join(work, 'calls.csv');
  writeFileSync(csv, `SEQUENTIAL\n${lines.join('\n')}\n`);

  const d = await startDrachtio(bin, { loglevel: 'notice' });
  down.add(() => d.stop());
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const masq = start('node', ['dist/index.js'], {
    MASQ_REDIS_URL: redisServer.url,
    MASQ_API_KEYS: KEY,
    MASQ_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    MASQ_DRACHTIO_PORT: String(d.adminPort),
    MASQ_DRACHTIO_SECRET: d.secret,
    MASQ_TRUNK_OUTBOUND_URI: `sip:{number}@127.0.0.1:${uasPort}`,
    MASQ_DRAIN_TIMEOUT_S: '1',
    MASQ_WEBHOOK_ENABLED: 'false',
    MASQ_HTTP_PORT: String(port),
  });
  down.add(() => masq.stop());
  await waitHttp(`${url}/readyz`, 20_000);
  const pid = masq.proc.pid;
  const soakRate = Math.round(KNEE / 2);

  if (PHASES.has('soak')) {
    console.log(`soak: ${soakRate} calls/s for ${SOAK_S} s, each held ${HOLD_MS} ms (knee taken as ${KNEE}/s)`);
    const rss0 = rssMb(pid);
    const redis0 = await redisMb(redis);
    console.log(`start: Masq RSS ${f1(rss0)} MB, Redis used ${f1(redis0)} MB`);
    const t0 = Date.now();
    const run = await load(d, csv, soakRate, soakRate * SOAK_S, 60);
    let prev = await masqSetup(url);
    console.log('minute | answered | refused (503) | no answer | caller INVITE→200 p50 / p90 / p99 / max ms | Masq in→out mean ms | Masq RSS MB | Redis MB | load (1 min)');
    for (let m = 1; m * 60_000 <= SOAK_S * 1000 + 1; m++) {
      await sleep(t0 + m * 60_000 - Date.now());
      const times = run.times().filter((x) => x.at >= t0 + (m - 1) * 60_000 && x.at < t0 + m * 60_000);
      const answered = times.filter((x) => x.rtd === 1).map((x) => x.ms).sort((a, b) => a - b);
      const refused = times.filter((x) => x.rtd === 2).length;
      const period = run.periods().at(-1) ?? {};
      // Retransmission limits and receive timeouts are calls that got no answer.
      const noAnswer = Number(period['FailedMaxUDPRetrans(P)'] ?? 0) + Number(period['FailedTimeoutOnRecv(P)'] ?? 0);
      const now = await masqSetup(url);
      const mean = ((now.sum - prev.sum) / Math.max(1, now.count - prev.count)) * 1000;
      prev = now;
      console.log(`${String(m).padStart(6)} | ${String(answered.length).padStart(8)} | ${String(refused).padStart(7)} | ${String(noAnswer).padStart(6)} | ${f1(pct(answered, 50))} / ${f1(pct(answered, 90))} / ${f1(pct(answered, 99))} / ${f1(answered.at(-1) ?? NaN)} | ${mean.toFixed(2)} | ${f1(rssMb(pid))} | ${f1(await redisMb(redis))} | ${(loadavg()[0] ?? 0).toFixed(1)}`);
    }
    await run.done;
    await sleep(3000);
    const total = run.periods().at(-1) ?? {};
    console.log(`end: ${total['SuccessfulCall(C)']} calls ended normally, ${total['FailedCall(C)']} failed; Masq RSS ${f1(rss0)} → ${f1(rssMb(pid))} MB, Redis used ${f1(redis0)} → ${f1(await redisMb(redis))} MB`);
  }

  if (PHASES.has('overload')) {
    const rate = KNEE * 2;
    const rmem = Number(readFileSync('/proc/sys/net/core/rmem_default', 'utf8'));
    if (rmem < 4 * 1024 * 1024) console.log(`NOTE: net.core.rmem_default is ${rmem} bytes: drachtio-server's UDP socket drops an overload instead of queueing it (set it to 4194304 as on a production SIP host: sysctl -w net.core.rmem_default=4194304)`);
    console.log(`\noverload: ${rate} calls/s for ${OVERLOAD_S} s, then ${soakRate}/s for ${RECOVERY_S} s; an API probe creates sessions throughout`);
    const before = await masqSetup(url);
    const t0 = Date.now();
    const over = await load(d, csv, rate, rate * OVERLOAD_S, 5);
    const probe = apiProbe(url, t0 + (OVERLOAD_S + RECOVERY_S) * 1000);
    await sleep(OVERLOAD_S * 1000);
    const t1 = Date.now();
    const after = await load(d, csv, soakRate, soakRate * RECOVERY_S, 5);
    await Promise.all([over.done, after.done]);
    const api = await probe;
    const times = [...over.times(), ...after.times()];
    console.log('calls started in | answered | refused (503) | answered INVITE→200 p50 / p99 / max ms | refused INVITE→503 p99 ms');
    let recoveredAt: number | undefined;
    const offeredPer5s = (s: number) => (s < OVERLOAD_S ? rate : soakRate) * 5;
    const sorted = (xs: { ms: number }[]) => xs.map((x) => x.ms).sort((a, b) => a - b);
    for (let s = 0; s < OVERLOAD_S + RECOVERY_S; s += 5) {
      const inWindow = times.filter((x) => x.at >= t0 + s * 1000 && x.at < t0 + (s + 5) * 1000);
      const answered = sorted(inWindow.filter((x) => x.rtd === 1));
      const refused = sorted(inWindow.filter((x) => x.rtd === 2));
      console.log(`${String(s).padStart(3)}–${String(s + 5).padEnd(3)} s   | ${String(answered.length).padStart(5)} of ${offeredPer5s(s)} | ${String(refused.length).padStart(5)} | ${f1(pct(answered, 50))} / ${f1(pct(answered, 99))} / ${f1(answered.at(-1) ?? NaN)} | ${f1(pct(refused, 99))}`);
      if (recoveredAt === undefined && t0 + s * 1000 >= t1 && answered.length >= offeredPer5s(s) * 0.99 && pct(answered, 99) < 500) recoveredAt = (t0 + s * 1000 - t1) / 1000;
    }
    const sum = (p: Record<string, string>[], k: string) => p.reduce((n, r) => n + Number(r[k] ?? 0), 0);
    const noAnswer = (p: Record<string, string>[]) => sum(p, 'FailedMaxUDPRetrans(P)') + sum(p, 'FailedTimeoutOnRecv(P)');
    const end = await masqSetup(url);
    const report = (name: string, run: Load, offered: number) => {
      const p = run.periods();
      const answered = sorted(run.times().filter((x) => x.rtd === 1));
      const refused = run.times().filter((x) => x.rtd === 2).length;
      console.log(`${name} (${offered} calls offered): ${answered.length} answered (INVITE→200 p50 ${f1(pct(answered, 50))} ms, p99 ${f1(pct(answered, 99))} ms, max ${f1(answered.at(-1) ?? NaN)} ms), ${refused} refused with 503, ${noAnswer(p)} got no answer, ${sum(p, 'FailedUnexpectedMessage(P)')} failed on an unexpected message`);
    };
    report('overload run', over, rate * OVERLOAD_S);
    report('after it', after, soakRate * RECOVERY_S);
    console.log(`Masq: ${end.refused - before.refused} INVITEs refused with 503, setup (INVITE in → 200 out) mean ${f1(((end.sum - before.sum) / Math.max(1, end.count - before.count)) * 1000)} ms; every call answered again (≥ 99 %, p99 < 500 ms) from ${recoveredAt === undefined ? 'never (within the window)' : `${recoveredAt.toFixed(0)} s`} after the overload stopped`);
    console.log(`API probe (4 at a time): ${api.created} created (p50 ${f1(pct(api.ms, 50))} ms, p99 ${f1(pct(api.ms, 99))} ms), ${api.shed} refused 503 (${api.shedWithRetryAfter} with Retry-After), ${api.slow} slower than 5 s or failed, other ${JSON.stringify(Object.fromEntries(api.other))}`);
    const alive = await fetch(`${url}/healthz`).then((r) => r.status, () => 0);
    console.log(`Masq after the overload: /healthz ${alive}, RSS ${f1(rssMb(pid))} MB`);
  }

}

runBench(main);
