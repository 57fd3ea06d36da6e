/**
 * Request-a-call setups: Masq (POST /v1/sessions/{id}/calls, third-party call
 * control without a media server) against a bare drachtio-srf script placing
 * the same two legs (bare-3pcc.ts), in one run, same drachtio-server, same sipp
 * far end answering both parties. Each step asks for `rate` calls a second for
 * BENCH_CALLS_STEP_S seconds (each call held 1 s, then hung up by the side that
 * placed it) and reports:
 *   - setups: calls whose two legs were connected, and failures;
 *   - API call → first party's INVITE at the far end (ms, from sipp's message
 *     timestamps against the time the request was sent, same clock).
 *
 * env: BENCH_CALLS_RATES=10,20,40,80 BENCH_CALLS_STEP_S=10
 */
import { execSync, fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { findDrachtio, startDrachtio, type DrachtioServer } from '../../test/helpers/drachtio.js';
import { freePort, waitUdpBound } from '../../test/helpers/ports.js';
import { startRedis, type RedisServer } from '../../test/helpers/redis-server.js';
import { runSipp } from '../../test/helpers/sipp.js';
import { pct, start, waitHttp } from '../lib/processes.js';

const RATES = (process.env.BENCH_CALLS_RATES ?? '10,20,40,80').split(',').map(Number);
const STEP_S = Number(process.env.BENCH_CALLS_STEP_S ?? 10);
const HOLD_MS = 1000;
const KEY = 'bench-key-0123456789abcdef';
const HERE = fileURLToPath(new URL('.', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Processes this bench started, ended on the way out whatever happened. */
const children: (number | undefined)[] = [];
function endChildren(): void {
  for (const pid of children.splice(0)) {
    try {
      if (pid) process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
const num = (area: string, i: number) => `+1${area}${200 + Math.floor(i / 10_000)}${String(i % 10_000).padStart(4, '0')}`;

/** Fires `count` requests at `rate`/s; resolves with each request's send time, by the first party's number. */
async function fire(count: number, rate: number, send: (i: number) => Promise<unknown>, firstOf: (i: number) => string): Promise<Map<string, number>> {
  const sent = new Map<string, number>();
  const t0 = Date.now();
  const inflight: Promise<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    sent.set(firstOf(i), Date.now());
    inflight.push(send(i).catch(() => undefined));
  }
  await Promise.all(inflight);
  return sent;
}

/** The far end's first INVITE time (ms) for each number, from sipp's message log. */
function inviteTimes(messages: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const block of messages.split(/\n(?=-{5,})/)) {
    const when = /^-+ (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+)/.exec(block)?.[1];
    const user = /message received[^\n]*\n+INVITE sip:([^@]+)@/.exec(block)?.[1];
    if (!when || !user || out.has(user)) continue;
    out.set(user, Date.parse(`${when.replace(' ', 'T').slice(0, 23)}Z`));
  }
  return out;
}

async function main(): Promise<void> {
  const dbin = findDrachtio();
  if (!dbin) throw new Error('needs drachtio-server (DRACHTIO_BIN or PATH)');
  execSync('npm run build', { stdio: 'ignore' });
  const redis = await startRedis();
  const d = await startDrachtio(dbin);
  // Whatever happens below, the servers this bench started go with it.
  const cleanup = async () => {
    endChildren();
    await d.stop().catch(() => undefined);
    await redis.stop().catch(() => undefined);
  };
  process.once('exit', () => void cleanup());
  try {
    await measure(d, redis);
  } finally {
    await cleanup();
  }
}

async function measure(d: DrachtioServer, redis: RedisServer): Promise<void> {
  const farPort = await freePort();
  const total = RATES.reduce((n, r) => n + r * STEP_S, 0);
  // Both legs of every call, Masq's and the bare script's.
  const far = runSipp({ scenario: 'uas-requested-legs.xml', localPort: farPort, calls: total * 4, limit: 20_000, timeoutS: 3600, keys: { callee: '+10000000000' } });
  children.push(far.pid);
  await waitUdpBound(farPort);

  const masqPort = await freePort();
  const masqUrl = `http://127.0.0.1:${masqPort}`;
  const masq = start('node', ['dist/index.js'], {
    MASQ_REDIS_URL: redis.url,
    MASQ_API_KEYS: KEY,
    MASQ_LOG_LEVEL: 'warn',
    MASQ_HTTP_PORT: String(masqPort),
    MASQ_DRACHTIO_PORT: String(d.adminPort),
    MASQ_DRACHTIO_SECRET: d.secret,
    MASQ_TRUNK_OUTBOUND_URI: `sip:{number}@127.0.0.1:${farPort}`,
    MASQ_WEBHOOK_ENABLED: 'false',
    MASQ_MAX_CALLS: '5000',
    MASQ_SESSION_TIMER_S: '0',
  });
  children.push(masq.proc.pid);
  await waitHttp(`${masqUrl}/readyz`, 20_000);
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(masqUrl + path, { method, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    return { status: r.status, body: (await r.json().catch(() => ({}))) as Record<string, any> };
  };
  await api('POST', '/v1/pools', { id: 'bench' });
  await api('POST', '/v1/pools/bench/numbers', { numbers: Array.from({ length: 200 }, (_, i) => num('202', i)) });
  const sessions: string[] = [];
  for (let i = 0; i < total; i++) {
    const r = await api('POST', '/v1/sessions', { poolId: 'bench', firstParty: num('415', i), secondParty: num('212', i), callTimeLimitSeconds: HOLD_MS / 1000 });
    if (r.status !== 201) throw new Error(`session ${i}: ${r.status} ${JSON.stringify(r.body)}`);
    sessions.push(r.body.id as string);
  }

  const bareHttp = await freePort();
  const bare: ChildProcess = fork(join(HERE, 'bare-3pcc.ts'), [String(d.adminPort), d.secret, `127.0.0.1:${farPort}`, String(bareHttp), String(HOLD_MS)], { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
  children.push(bare.pid);
  await new Promise<void>((r) => bare.once('message', () => r()));
  const bareStats = async () => (await (await fetch(`http://127.0.0.1:${bareHttp}/stats`)).json()) as { bridged: number; failed: number };

  console.log('-- request-a-call setups (two legs each, held 1 s), same drachtio-server and far end');
  console.log('rate |  bare: bridged/failed  API→first INVITE p50/p99 |  Masq: bridged/failed  API→first INVITE p50/p99');
  const sentAt = new Map<string, number>();
  const steps: { rate: number; bare: [number, number, string[]]; masqSessions: string[]; masqFirsts: string[] }[] = [];
  let used = 0;
  let bareUsed = 0;
  for (const rate of RATES) {
    const n = rate * STEP_S;
    // Bare first: its numbers are its own (area 515 / 313).
    const b0 = await bareStats();
    const bs = await fire(n, rate, (i) => fetch(`http://127.0.0.1:${bareHttp}/call?first=${encodeURIComponent(num('515', bareUsed + i))}&second=${encodeURIComponent(num('313', bareUsed + i))}`, { method: 'POST' }), (i) => num('515', bareUsed + i));
    await sleep(HOLD_MS + 3000);
    const b1 = await bareStats();
    const bareFirsts = [...bs.keys()];
    for (const [k, v] of bs) sentAt.set(k, v);
    bareUsed += n;
    await sleep(1000);
    const ms = await fire(n, rate, (i) => api('POST', `/v1/sessions/${sessions[used + i] as string}/calls`, { to: 'firstParty' }), (i) => num('415', used + i));
    for (const [k, v] of ms) sentAt.set(k, v);
    const mine = sessions.slice(used, used + n);
    used += n;
    await sleep(HOLD_MS + 3000);
    steps.push({ rate, bare: [b1.bridged - b0.bridged, b1.failed - b0.failed, bareFirsts], masqSessions: mine, masqFirsts: [...ms.keys()] });
    await sleep(1000);
  }
  // Records, then the far end's timestamps.
  const masqResults: { bridged: number; failed: number }[] = [];
  for (const s of steps) {
    let bridged = 0;
    let failed = 0;
    for (const id of s.masqSessions) {
      const [c] = (await api('GET', `/v1/sessions/${id}/calls`)).body.items ?? [];
      if (c?.answeredAt) bridged++;
      else failed++;
    }
    masqResults.push({ bridged, failed });
  }
  bare.kill('SIGTERM');
  await masq.stop();
  try {
    if (far.pid) process.kill(far.pid, 'SIGTERM');
  } catch {
    // it ended by itself
  }
  const run = await far.done;
  if (run.code !== 0 && process.env.BENCH_VERBOSE) console.error(run.errors.slice(0, 3000));
  const invites = inviteTimes(run.messages);
  const lat = (firsts: string[]) =>
    firsts
      .map((f) => (invites.get(f) ?? NaN) - (sentAt.get(f) ?? NaN))
      .filter((x) => Number.isFinite(x))
      .sort((a, b) => a - b);
  steps.forEach((s, i) => {
    const bl = lat(s.bare[2]);
    const ml = lat(s.masqFirsts);
    const m = masqResults[i] as { bridged: number; failed: number };
    console.log(
      `${String(s.rate).padStart(4)} |  ${String(s.bare[0]).padStart(5)}/${String(s.bare[1]).padEnd(5)}        ${pct(bl, 50).toFixed(1).padStart(6)}/${pct(bl, 99).toFixed(1).padEnd(7)} ms |  ${String(m.bridged).padStart(5)}/${String(m.failed).padEnd(5)}        ${pct(ml, 50).toFixed(1).padStart(6)}/${pct(ml, 99).toFixed(1)} ms`,
    );
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
