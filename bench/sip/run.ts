/**
 * SIP benchmark, one run, one drachtio-server, the same sipp load for both:
 *   1. setup latency at 100 calls/s: drachtio's own wire timestamps of the trunk
 *      INVITE arriving and the outbound INVITE leaving, paired per call
 *      (drachtio logging at info for this phase only);
 *   2. max calls/s with zero failed calls: rising rates, at each rate the bare
 *      B2BUA then Masq (interleaved), with the CPU per call of each process and
 *      of the whole machine;
 *   3. Masq holding BENCH_SIP_CONCURRENT calls for BENCH_SIP_HOLD_S, twice,
 *      with its memory before, during and after each round.
 *
 * Usage: npm run bench:sip   (needs drachtio-server: DRACHTIO_BIN or PATH, and sipp)
 * env: BENCH_SIP_RATES=1000,1100,...,1800 BENCH_SIP_STEP_S=10
 *      BENCH_SIP_CONCURRENT=1000 BENCH_SIP_HOLD_S=60 BENCH_SIP_PHASES=latency,cps,hold
 *      BENCH_SIP_CEILING=0 (skip the ceiling: Masq's SIP side with no Redis, sip-ceiling.ts)
 *      BENCH_SIP_ANCHOR=1 (also Masq with media anchored through rtpengine: RTPENGINE_BIN or PATH)
 *      BENCH_SIP_PROFILE=1 (each application under node --cpu-prof in the cps phase: self time per call)
 *      BENCH_LOG_LEVEL=info (Masq's log level)
 */
import { execSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { createStore } from '../../src/store/index.js';
import { findDrachtio, startDrachtio, type DrachtioServer } from '../../test/helpers/drachtio.js';
import { freePort, waitUdpBound } from '../../test/helpers/ports.js';
import { startRedis } from '../../test/helpers/redis-server.js';
import { runBench, type Teardown } from '../lib/teardown.js';
import { runSipp } from '../../test/helpers/sipp.js';
import { findRtpengine, startRtpengine, type Rtpengine } from '../../test/helpers/rtpengine.js';
import { cpuMs, machineBusyMs, pct, start, waitHttp, type Proc } from '../lib/processes.js';
import { printSummary, summarize } from '../lib/cpu-profile.js';
import { seedBenchSessions } from '../lib/masked-sessions.js';

const RATES = (process.env.BENCH_SIP_RATES ?? '1000,1100,1200,1300,1400,1500,1600,1700,1800').split(',').map(Number);
const STEP_S = Number(process.env.BENCH_SIP_STEP_S ?? 10);
const CONCURRENT = Number(process.env.BENCH_SIP_CONCURRENT ?? 1000);
const HOLD_S = Number(process.env.BENCH_SIP_HOLD_S ?? 60);
const WARMUP_CALLS = 3000;
const CEILING = process.env.BENCH_SIP_CEILING !== '0';
const ANCHOR = process.env.BENCH_SIP_ANCHOR === '1';
const PHASES = new Set((process.env.BENCH_SIP_PHASES ?? 'latency,cps,hold').split(','));
const KEY = 'bench-key-0123456789abcdef';
const HERE = fileURLToPath(new URL('.', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'masq-bench-sip-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Pair = [caller: string, called: string];
interface Target {
  name: string;
  /** Calls to place: caller and called number per call. */
  pairs: Pair[];
  /** Which trunk INVITE a far-end INVITE belongs to: far-end Request-URI user → key of the trunk INVITE. */
  keyOfOutbound(farUser: string): string;
  keyOfInbound(caller: string, called: string): string;
  attach(d: DrachtioServer, profileDir?: string): Promise<() => Promise<void>>;
  /** The application's PID while attached. */
  pid(): number | undefined;
}


/** A bench application in bench/sip (TypeScript, run by tsx), optionally under the CPU profiler. */
function forkApp(file: string, args: string[], env: Record<string, string>, profileDir?: string): ChildProcess {
  const execArgv = ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])];
  return fork(join(HERE, file), args, { execArgv, stdio: 'ignore', env: { ...process.env, ...env } });
}

/** Waits for the child's 'ready' message; returns what stops it. */
async function readyThenStop(child: ChildProcess): Promise<() => Promise<void>> {
  await new Promise<void>((resolve) => child.once('message', () => resolve()));
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
}

/** Places `calls` calls at `rate`/s through drachtio; returns successful and failed counts. */
async function load(d: DrachtioServer, pairs: Pair[], calls: number, rate: number, holdMs: number, limit: number) {
  const csv = join(work, `calls-${Date.now()}.csv`);
  writeFileSync(csv, `SEQUENTIAL\n${pairs.map(([a, b]) => `${a};${b};`).join('\n')}\n`);
  const stats = join(work, `stats-${Date.now()}.csv`);
  const run = runSipp({
    scenario: join(HERE, 'scenarios/bench-uac.xml'),
    localPort: await freePort(),
    remote: `127.0.0.1:${d.sipPort}`,
    calls,
    limit,
    trace: false,
    timeoutS: Math.ceil(calls / rate + holdMs / 1000 + 30),
    extraArgs: ['-r', String(rate), '-d', String(holdMs), '-inf', csv, '-trace_stat', '-stf', stats, '-fd', '1', '-max_recv_loops', '5000'],
  });
  const t0 = Date.now();
  const r = await run.done;
  // What sipp really achieved: it falls behind the requested rate when saturated.
  const achieved = calls / Math.max(0.001, (Date.now() - t0 - holdMs) / 1000);
  const lines = readFileSync(stats, 'utf8').trim().split('\n');
  const head = (lines[0] ?? '').split(';');
  const last = (lines[lines.length - 1] ?? '').split(';');
  const col = (name: string) => Number(last[head.indexOf(name)] ?? NaN);
  return { ok: col('SuccessfulCall(C)'), failed: col('FailedCall(C)'), code: r.code, achieved };
}

/** INVITE in → INVITE out per call, from drachtio's `recv/send N bytes ... at HH:MM:SS.micro` lines. */
function setupLatencies(output: string, uacPortHint: (port: string) => boolean, t: Target): number[] {
  const re = /(recv|send) \d+ bytes (?:from|to) \w+\/\[[^\]]+\]:(\d+) at (\d\d):(\d\d):(\d\d\.\d+):\r?\nINVITE sip:([^@\s]+)@[^\n]*\n([\s\S]*?)\r?\n\r?\n/g;
  const inbound = new Map<string, number>();
  const out: number[] = [];
  for (const m of output.matchAll(re)) {
    const [, dir, port, hh, mm, ss, ruser, rest] = m as unknown as string[];
    const at = (Number(hh) * 3600 + Number(mm) * 60 + Number(ss)) * 1000;
    if (dir === 'recv' && uacPortHint(port as string)) {
      const caller = /^From:[^\n]*?sip:([^@>]+)@/m.exec(rest as string)?.[1] ?? '';
      inbound.set(t.keyOfInbound(caller, ruser as string), at);
    } else if (dir === 'send') {
      const t0 = inbound.get(t.keyOfOutbound(ruser as string));
      if (t0 !== undefined) out.push(at - t0);
    }
  }
  return out.sort((a, b) => a - b);
}

function rssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
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
  const farEnd = runSipp({ scenario: join(HERE, 'scenarios/bench-uas.xml'), localPort: uasPort, calls: 100_000_000, limit: 100_000, trace: false, timeoutS: 3600 });
  down.add(() => farEnd.pid && process.kill(farEnd.pid, 'SIGTERM'));
  await waitUdpBound(uasPort);

  // Masq's state: one virtual number per 50 sessions, one session per caller.
  const SESSIONS = 20_000;
  const seeded = await seedBenchSessions(store, SESSIONS);
  const masqPairs: Pair[] = seeded.map((x) => [x.caller, x.virtual]);
  const targetOf = new Map(seeded.map((x) => [x.callee, x.caller]));

  let bareChild: ChildProcess | undefined;
  const bare: Target = {
    name: 'bare B2BUA',
    pairs: seeded.map((x) => [x.caller, x.callee]),
    keyOfInbound: (_caller, called) => called,
    keyOfOutbound: (farUser) => farUser,
    pid: () => bareChild?.pid,
    attach: async (d, profileDir) => {
      bareChild = forkApp('bare-b2bua.ts', [String(d.adminPort), d.secret, `127.0.0.1:${uasPort}`], {}, profileDir);
      return readyThenStop(bareChild);
    },
  };
  const masqEnv = (d: DrachtioServer): Record<string, string> => ({
    MASQ_REDIS_URL: redisServer.url,
    MASQ_API_KEYS: KEY,
    MASQ_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    MASQ_DRACHTIO_PORT: String(d.adminPort),
    MASQ_DRACHTIO_SECRET: d.secret,
    MASQ_TRUNK_OUTBOUND_URI: `sip:{number}@127.0.0.1:${uasPort}`,
    MASQ_DRAIN_TIMEOUT_S: '1',
    MASQ_WEBHOOK_ENABLED: 'false',
  });
  let masqProc: Proc | undefined;
  let masqUrl = '';
  const masq: Target = {
    name: 'Masq',
    pairs: masqPairs,
    keyOfInbound: (caller) => caller,
    keyOfOutbound: (farUser) => targetOf.get(farUser) ?? '',
    pid: () => masqProc?.proc.pid,
    attach: async (d, profileDir) => {
      const port = await freePort();
      masqUrl = `http://127.0.0.1:${port}`;
      masqProc = start('node', [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), 'dist/index.js'], { ...masqEnv(d), MASQ_HTTP_PORT: String(port) });
      await waitHttp(`${masqUrl}/readyz`, 20_000);
      const p = masqProc;
      return () => p.stop();
    },
  };

  // Masq with every call's media anchored through rtpengine (control only: the bench sends no RTP).
  let rtpe: Rtpengine | undefined;
  if (ANCHOR) {
    const rbin = findRtpengine();
    if (!rbin) throw new Error('BENCH_SIP_ANCHOR=1 needs rtpengine (RTPENGINE_BIN or PATH)');
    rtpe = await startRtpengine(rbin, { ports: 20_000 });
    down.add(() => rtpe?.stop());
  }
  let anchoredProc: Proc | undefined;
  const anchored: Target = {
    name: 'Masq anchored',
    pairs: masqPairs,
    keyOfInbound: (caller) => caller,
    keyOfOutbound: (farUser) => targetOf.get(farUser) ?? '',
    pid: () => anchoredProc?.proc.pid,
    attach: async (d) => {
      const port = await freePort();
      anchoredProc = start('node', ['dist/index.js'], { ...masqEnv(d), MASQ_HTTP_PORT: String(port), MASQ_MEDIA_ANCHOR: 'rtpengine', MASQ_RTPENGINE: `127.0.0.1:${rtpe?.ngPort ?? 0}` });
      await waitHttp(`http://127.0.0.1:${port}/readyz`, 20_000);
      const p = anchoredProc;
      return () => p.stop();
    },
  };

  // Masq's SIP side with no Redis behind it (sip-ceiling.ts): how far the ratio could go.
  let ceilingChild: ChildProcess | undefined;
  // Whichever application is attached when a step fails.
  down.add(() => Promise.all([masqProc?.stop(), anchoredProc?.stop()]));
  down.add(() => ceilingChild?.kill('SIGTERM'));
  const ceiling: Target = {
    name: 'ceiling',
    pairs: masqPairs,
    keyOfInbound: (caller) => caller,
    keyOfOutbound: (farUser) => targetOf.get(farUser) ?? '',
    pid: () => ceilingChild?.pid,
    attach: async (d, profileDir) => {
      ceilingChild = forkApp('sip-ceiling.ts', [], { ...masqEnv(d), MASQ_HTTP_PORT: String(await freePort()) }, profileDir);
      return readyThenStop(ceilingChild);
    },
  };

  // ---- 1. setup latency at 100 calls/s (drachtio logs every message) ----
  const latency: Record<string, number[]> = { 'bare B2BUA': [], Masq: [] };
  for (const t of PHASES.has('latency') ? [bare, masq] : []) {
    const d = await startDrachtio(bin, { loglevel: 'info' });
    down.add(() => d.stop());
    const detach = await t.attach(d);
    const r = await load(d, t.pairs, 1000, 100, 100, 1000);
    await sleep(500);
    latency[t.name] = setupLatencies(d.output(), (port) => Number(port) !== uasPort, t);
    console.log(`latency ${t.name.padEnd(11)} 1000 calls at 100/s: ok ${r.ok} failed ${r.failed}; INVITE in→out p50 ${pct(latency[t.name]!, 50).toFixed(2)} ms, p99 ${pct(latency[t.name]!, 99).toFixed(2)} ms, mean ${(latency[t.name]!.reduce((s, x) => s + x, 0) / latency[t.name]!.length).toFixed(2)} ms (${latency[t.name]!.length} paired)`);
    await detach();
    await d.stop();
  }

  // ---- 2. max clean calls/s ----
  // Interleaved: at each rate the bare B2BUA and then Masq, each freshly attached
  // and warmed up, so that both see the machine in the same state (its load drifts
  // over minutes). An application stops climbing at its first unclean step.
  const stepTargets = [bare, masq, ...(CEILING ? [ceiling] : []), ...(ANCHOR ? [anchored] : [])];
  const maxClean: Record<string, number> = { 'bare B2BUA': 0, Masq: 0, ceiling: 0, 'Masq anchored': 0 };
  const busyPerCall: Record<string, Map<number, number>> = { 'bare B2BUA': new Map(), Masq: new Map(), ceiling: new Map(), 'Masq anchored': new Map() };
  const d = await startDrachtio(bin, { loglevel: 'notice' });
  down.add(() => d.stop());
  const climbing = new Set(PHASES.has('cps') ? stepTargets.map((t) => t.name) : []);
  for (const rate of RATES) {
    for (const t of stepTargets) {
      if (!climbing.has(t.name)) continue;
      const profileDir = process.env.BENCH_SIP_PROFILE ? mkdtempSync(join(tmpdir(), 'masq-sip-prof-')) : undefined;
      const detach = await t.attach(d, profileDir);
      // Warm-up, not measured: a freshly started process runs its first thousands of
      // calls unoptimised (JIT). Its calls come from the end of the list, so the
      // measured step's callers are not already in any cache.
      await load(d, t.pairs.slice(-WARMUP_CALLS), WARMUP_CALLS, 500, 500, 900);
      await sleep(2000);
      // CPU each process, and the whole machine, spent per call in this step.
      const cpu0 = [cpuMs(t.pid()), cpuMs(d.pid()), cpuMs(redisServer.pid()), machineBusyMs(), cpuMs(rtpe?.pid())];
      const r = await load(d, t.pairs, rate * STEP_S, rate, 500, rate * 3);
      const calls = Math.max(1, r.ok + r.failed);
      const per = [cpuMs(t.pid()), cpuMs(d.pid()), cpuMs(redisServer.pid()), machineBusyMs(), cpuMs(rtpe?.pid())].map((c, i) => ((c - (cpu0[i] as number)) * 1000) / calls);
      busyPerCall[t.name]!.set(rate, per[3] as number);
      const rtpeCpu = t === anchored ? `, rtpengine ${per[4]!.toFixed(0)} µs` : '';
      console.log(`cps ${t.name.padEnd(11)} ${String(rate).padStart(4)}/s × ${STEP_S} s: ok ${r.ok} failed ${r.failed}, achieved ${r.achieved.toFixed(0)}/s; cpu/call: app ${per[0]!.toFixed(0)} µs, drachtio ${per[1]!.toFixed(0)} µs, redis ${per[2]!.toFixed(0)} µs${rtpeCpu}, machine ${per[3]!.toFixed(0)} µs`);
      await detach();
      if (profileDir) {
        const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
        if (file) printSummary(`${t.name} at ${rate}/s (warm-up included), per call`, summarize(join(profileDir, file), 40), calls + WARMUP_CALLS);
      }
      // Clean: no failed call, and the load really ran at the rate asked (sipp
      // falls behind, without failing calls, once the machine is saturated).
      if (r.failed > 0 || r.ok < rate * STEP_S || r.achieved < rate * 0.95) climbing.delete(t.name);
      else maxClean[t.name] = rate;
      await sleep(1000);
    }
    if (climbing.size === 0) break;
  }

  // ---- 3. Masq holding CONCURRENT calls, twice ----
  const detach = await masq.attach(d);
  const pid = masqProc?.proc.pid;
  const idle = rssMb(pid);
  const rounds: string[] = [];
  for (let round = 1; round <= (PHASES.has('hold') ? 2 : 0); round++) {
    const run = load(d, masq.pairs.slice(round * CONCURRENT, (round + 1) * CONCURRENT), CONCURRENT, 100, HOLD_S * 1000, CONCURRENT + 10);
    await sleep((CONCURRENT / 100) * 1000 + 2000);
    const active = ((await (await fetch(`${masqUrl}/healthz`)).json()) as { activeCalls: number }).activeCalls;
    const peak = rssMb(pid);
    const r = await run;
    await sleep(3000);
    const after = ((await (await fetch(`${masqUrl}/healthz`)).json()) as { activeCalls: number }).activeCalls;
    rounds.push(`round ${round}: ${active} calls live at once, ok ${r.ok} failed ${r.failed}, live after ${after}; RSS ${peak.toFixed(0)} MB held, ${rssMb(pid).toFixed(0)} MB after`);
    console.log(`hold ${rounds[rounds.length - 1]}`);
  }
  await detach();
  await d.stop();

  const ratio = maxClean.Masq! / Math.max(1, maxClean['bare B2BUA']!);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  console.log('');
  console.log(`max clean calls/s (0 failed, ≥95% of the rate achieved): bare ${maxClean['bare B2BUA']}, Masq ${maxClean.Masq} = ${ratio.toFixed(2)}x (rates asked: ${RATES.join(', ')}; ${STEP_S} s each, 0.5 s hold)`);
  const common = [...busyPerCall['bare B2BUA']!.keys()].filter((r) => busyPerCall.Masq!.has(r) && r <= Math.min(maxClean['bare B2BUA']!, maxClean.Masq!)).pop();
  if (common !== undefined) {
    const b = busyPerCall['bare B2BUA']!.get(common)!;
    const m = busyPerCall.Masq!.get(common)!;
    console.log(`machine CPU per call at ${common}/s (both clean): bare ${b.toFixed(0)} µs, Masq ${m.toFixed(0)} µs; bare ÷ Masq = ${(b / m).toFixed(2)} (the calls/s ratio to expect once the machine is the limit)`);
    const c = busyPerCall.ceiling!.get(common);
    if (c !== undefined) console.log(`  ceiling (Masq's SIP side, no Redis) at ${common}/s: ${c.toFixed(0)} µs; bare ÷ ceiling = ${(b / c).toFixed(2)}`);
  }
  if (CEILING) console.log(`max clean calls/s of the ceiling (no Redis): ${maxClean.ceiling} = ${(maxClean.ceiling! / Math.max(1, maxClean['bare B2BUA']!)).toFixed(2)}x bare`);
  if (ANCHOR) {
    console.log(`max clean calls/s with media anchored (rtpengine): ${maxClean['Masq anchored']} = ${(maxClean['Masq anchored']! / Math.max(1, maxClean.Masq!)).toFixed(2)}x Masq direct, ${(maxClean['Masq anchored']! / Math.max(1, maxClean['bare B2BUA']!)).toFixed(2)}x bare`);
    const at = [...busyPerCall.Masq!.keys()].filter((r) => busyPerCall['Masq anchored']!.has(r)).pop();
    if (at !== undefined) console.log(`  machine CPU per call at ${at}/s: Masq direct ${busyPerCall.Masq!.get(at)!.toFixed(0)} µs, anchored ${busyPerCall['Masq anchored']!.get(at)!.toFixed(0)} µs`);
  }
  console.log(`setup latency at 100/s (INVITE in→out at drachtio): bare p50 ${pct(latency['bare B2BUA']!, 50).toFixed(2)} / p99 ${pct(latency['bare B2BUA']!, 99).toFixed(2)} ms; Masq p50 ${pct(latency.Masq!, 50).toFixed(2)} / p99 ${pct(latency.Masq!, 99).toFixed(2)} ms; added mean ${(mean(latency.Masq!) - mean(latency['bare B2BUA']!)).toFixed(2)} ms, added p99 ${(pct(latency.Masq!, 99) - pct(latency['bare B2BUA']!, 99)).toFixed(2)} ms`);
  console.log(`holding ${CONCURRENT} calls for ${HOLD_S} s: RSS idle ${idle.toFixed(0)} MB; ${rounds.join('; ')}`);

}

runBench(main);
