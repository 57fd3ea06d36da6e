/**
 * Media benchmark, one run, one drachtio-server and one FreeSWITCH for all:
 *   1. announcements: callers answered by FreeSWITCH, played the same 1 s prompt
 *      and hung up — Masq (a caller in no session: the pool's prompt) against a
 *      bare drachtio-fsmrf app (bare-announce.ts), interleaved at rising rates:
 *      clean calls/s (zero failed) and INVITE→200 (sipp's response times);
 *   2. recorded calls: Masq sessions with record on (notice to each party, ringback,
 *      whisper, recording, bridge), BENCH_MEDIA_HOLD concurrent calls held
 *      BENCH_MEDIA_HOLD_S each: calls failed, recordings ready, FreeSWITCH CPU per call.
 *
 * Usage: npm run bench:media   (needs drachtio-server, FreeSWITCH, sipp, redis-server)
 * env: BENCH_MEDIA_RATES=5,10,20,30,40 BENCH_MEDIA_STEP_S=15 BENCH_MEDIA_PROFILE=1 (Masq under --cpu-prof: self time per call)
 *      BENCH_MEDIA_HOLD=25,50,100 BENCH_MEDIA_HOLD_S=60 BENCH_MEDIA_PHASES=announce,record
 */
import { execSync, fork, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDrachtio, startDrachtio, type DrachtioServer } from '../../test/helpers/drachtio.js';
import { findFreeSwitch, startFreeSwitch } from '../../test/helpers/freeswitch.js';
import { freePort, waitUdpBound } from '../../test/helpers/ports.js';
import { startRedis } from '../../test/helpers/redis-server.js';
import { runSipp } from '../../test/helpers/sipp.js';
import { pcmWav } from '../../src/media/wav.js';
import { cpuMs, pct, start, waitHttp, type Proc } from '../lib/processes.js';
import { printSummary, summarize } from '../lib/cpu-profile.js';

const RATES = (process.env.BENCH_MEDIA_RATES ?? '5,10,20,30,40').split(',').map(Number);
const STEP_S = Number(process.env.BENCH_MEDIA_STEP_S ?? 15);
const HOLDS = (process.env.BENCH_MEDIA_HOLD ?? '25,50,100').split(',').map(Number);
const HOLD_S = Number(process.env.BENCH_MEDIA_HOLD_S ?? 60);
const PHASES = new Set((process.env.BENCH_MEDIA_PHASES ?? 'announce,record').split(','));
const PROFILE = process.env.BENCH_MEDIA_PROFILE === '1';
const KEY = 'bench-key-0123456789abcdef';
const HERE = fileURLToPath(new URL('.', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'masq-bench-media-'));
const num = (area: string, i: number) => `+1${area}${200 + Math.floor(i / 10_000)}${String(i % 10_000).padStart(4, '0')}`;

/** One second of a 600 Hz tone, 8 kHz: the prompt both sides play. */
const PROMPT = pcmWav(Int16Array.from({ length: 8000 }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 600 * i) / 8000))), 8000);

interface StepResult {
  ok: number;
  failed: number;
  achieved: number;
  rtt: number[];
}

/** Places `calls` calls at `rate`/s: each caller's media goes to `sink`; returns counts and INVITE→200 times (ms). */
async function load(d: DrachtioServer, pairs: [string, string][], calls: number, rate: number, sink: number, uacScenario: string, timeoutS: number): Promise<StepResult> {
  const csv = join(work, `calls-${Date.now()}.csv`);
  writeFileSync(csv, `SEQUENTIAL\n${pairs.map(([a, b]) => `${a};${b};`).join('\n')}\n`);
  const stats = join(work, `stats-${Date.now()}.csv`);
  const before = new Set(readdirSync(work));
  const run = runSipp({
    scenario: uacScenario,
    localPort: await freePort(),
    remote: `127.0.0.1:${d.sipPort}`,
    calls,
    limit: Math.max(50, rate * 20),
    trace: false,
    timeoutS,
    keys: { mport: String(sink) },
    extraArgs: ['-r', String(rate), '-inf', csv, '-trace_stat', '-stf', stats, '-fd', '1', '-trace_rtt', '-rtt_freq', '1'],
  });
  const t0 = Date.now();
  await run.done;
  const lines = readFileSync(stats, 'utf8').trim().split('\n');
  const head = (lines[0] ?? '').split(';');
  const last = (lines[lines.length - 1] ?? '').split(';');
  const col = (name: string) => Number(last[head.indexOf(name)] ?? NaN);
  // sipp writes response times to <scenario>_<pid>_rtt.csv in its working directory or next to the stats.
  const rtt: number[] = [];
  for (const dir of [work, process.cwd()]) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('_rtt.csv') && !before.has(x))) {
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n').slice(1)) {
        const v = Number(line.split(';')[1]); // date_ms;response_time_ms;rtd_no
        if (Number.isFinite(v) && v > 0) rtt.push(v);
      }
      execSync(`rm -f '${join(dir, f)}'`);
    }
  }
  return { ok: col('SuccessfulCall(C)'), failed: col('FailedCall(C)'), achieved: calls / ((Date.now() - t0) / 1000), rtt: rtt.sort((a, b) => a - b) };
}

async function main(): Promise<void> {
  const dbin = findDrachtio();
  const fsbin = findFreeSwitch();
  if (!dbin || !fsbin) throw new Error('needs drachtio-server (DRACHTIO_BIN or PATH) and FreeSWITCH (MASQ_TEST_FREESWITCH or PATH)');
  execSync('npm run build', { stdio: 'ignore' });
  const redis = await startRedis();
  const d = await startDrachtio(dbin);
  const fs = await startFreeSwitch(fsbin);
  const fsPid = fs.pid;
  const promptsDir = mkdtempSync(join(tmpdir(), 'masq-bench-prompts-'));
  const recordingsDir = mkdtempSync(join(tmpdir(), 'masq-bench-rec-'));
  const promptFile = join(work, 'prompt.wav');
  writeFileSync(promptFile, PROMPT);
  // Where every phone's media goes: one socket that reads and drops.
  const sink = createSocket('udp4');
  await new Promise<void>((r) => sink.bind(0, '127.0.0.1', () => r()));
  sink.on('message', () => undefined);
  const sinkPort = sink.address().port;
  const uasPort = await freePort();

  const masqPort = await freePort();
  const masqUrl = `http://127.0.0.1:${masqPort}`;
  let masq: Proc | undefined;
  const attachMasq = async (profileDir?: string) => {
    masq = start('node', [...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), 'dist/index.js'], {
      MASQ_REDIS_URL: redis.url,
      MASQ_API_KEYS: KEY,
      MASQ_LOG_LEVEL: 'warn',
      MASQ_HTTP_PORT: String(masqPort),
      MASQ_DRACHTIO_PORT: String(d.adminPort),
      MASQ_DRACHTIO_SECRET: d.secret,
      MASQ_TRUNK_OUTBOUND_URI: `sip:{number}@127.0.0.1:${uasPort}`,
      MASQ_MEDIA_SERVERS: fs.eventSocket,
      MASQ_PROMPTS_DIR: promptsDir,
      MASQ_RECORDINGS_DIR: recordingsDir,
      MASQ_WEBHOOK_ENABLED: 'false',
      MASQ_DRAIN_TIMEOUT_S: '1',
      MASQ_MAX_CALLS: '5000',
      MASQ_SIP_RATE_LIMIT: '0',
    });
    await waitHttp(`${masqUrl}/readyz`, 20_000);
    for (let i = 0; i < 100; i++) {
      const r = (await (await fetch(`${masqUrl}/readyz`)).json()) as { media?: { status: string }[] };
      if (r.media?.[0]?.status === 'up') break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const p = masq;
    return { pid: p.proc.pid, detach: () => p.stop() };
  };
  const api = async (method: string, path: string, body?: unknown, type = 'application/json') => {
    const r = await fetch(masqUrl + path, { method, headers: { authorization: `Bearer ${KEY}`, 'content-type': type }, ...(body ? { body: Buffer.isBuffer(body) ? body : JSON.stringify(body) } : {}) });
    const out = { status: r.status, body: (await r.json().catch(() => ({}))) as Record<string, any> };
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(out.body)}`);
    return out;
  };
  let bare: ChildProcess | undefined;
  const attachBare = async (_profileDir?: string) => {
    bare = fork(join(HERE, 'bare-announce.ts'), [String(d.adminPort), d.secret, fs.eventSocket, promptFile], { execArgv: ['--import', 'tsx'], stdio: 'ignore' });
    await new Promise<void>((r) => bare?.once('message', () => r()));
    const b = bare;
    return {
      pid: b.pid,
      detach: async () => {
        b.kill('SIGTERM');
        await new Promise((r) => b.once('exit', r));
      },
    };
  };

  // State: one pool, its prompt for callers in no session.
  let stop = (await attachMasq()).detach;
  await api('PUT', '/v1/prompts/bench-prompt', PROMPT, 'audio/wav');
  const V = num('202', 0);
  await api('POST', '/v1/pools', { id: 'bench', announcements: { notInSession: 'bench-prompt' } });
  await api('POST', '/v1/pools/bench/numbers', { numbers: [V, ...Array.from({ length: 99 }, (_, i) => num('202', i + 1))] });
  await stop();

  console.log('-- announcements: answer, play a 1 s prompt, hang up (same FreeSWITCH, same prompt)');
  console.log('rate  | bare fsmrf: ok/failed  INVITE→200 p50/p99  app CPU/call | Masq: ok/failed  INVITE→200 p50/p99  app CPU/call | FS CPU/call');
  if (PHASES.has('announce')) {
    // Warm-up: each side takes a few calls first (prompt files written, code paths compiled).
    for (const attach of [attachBare, attachMasq]) {
      const { detach } = await attach();
      await load(d, Array.from({ length: 20 }, (_, i): [string, string] => [num('306', i), V]), 20, 5, sinkPort, join(HERE, 'scenarios/uac-announced.xml'), 60);
      await detach();
    }
    for (const rate of RATES) {
      const calls = rate * STEP_S;
      const pairs = Array.from({ length: calls }, (_, i): [string, string] => [num('305', i), V]);
      const row: string[] = [];
      for (const [name, attach] of [['bare', attachBare], ['masq', attachMasq]] as const) {
        const profileDir = PROFILE && name === 'masq' ? mkdtempSync(join(tmpdir(), 'masq-media-prof-')) : undefined;
        const { detach, pid } = await attach(profileDir);
        const fs0 = cpuMs(fsPid);
        const app0 = cpuMs(pid);
        const r = await load(d, pairs, calls, rate, sinkPort, join(HERE, 'scenarios/uac-announced.xml'), STEP_S + 60);
        const fsPerCall = (cpuMs(fsPid) - fs0) / Math.max(1, r.ok);
        // The application's own CPU per call placed (answered or not): what it costs to serve one.
        const appPerCall = (cpuMs(pid) - app0) / Math.max(1, calls);
        await detach();
        const profile = profileDir && readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
        if (profileDir && profile) printSummary(`Masq at ${rate}/s, per call`, summarize(join(profileDir, profile), 40), calls);
        row.push(`${String(r.ok).padStart(5)}/${String(r.failed).padEnd(4)} ${pct(r.rtt, 50).toFixed(0).padStart(4)}/${pct(r.rtt, 99).toFixed(0).padEnd(4)} ms  ${appPerCall.toFixed(2)} ms`);
        if (name === 'masq') row.push(`${fsPerCall.toFixed(1)} ms`);
        await new Promise((res) => setTimeout(res, 2000));
      }
      console.log(`${String(rate).padStart(4)}  | ${row[0]}                   | ${row[1]}              | ${row[2]}`);
    }
  }

  if (PHASES.has('record')) {
    console.log(`-- recorded calls: notice to each party, whisper, dual-channel recording, bridge; held ${HOLD_S} s`);
    stop = (await attachMasq()).detach;
    const far = runSipp({ scenario: join(HERE, 'scenarios/uas-recorded.xml'), localPort: uasPort, calls: 100_000, limit: 10_000, trace: false, timeoutS: 3600, keys: { mport: String(sinkPort), callee: '+10000000000' }, extraArgs: ['-d', String(HOLD_S * 1000)] });
    await waitUdpBound(uasPort);
    let n = 0;
    for (const hold of HOLDS) {
      const pairs: [string, string][] = [];
      for (let i = 0; i < hold; i++, n++) {
        const s = await api('POST', '/v1/sessions', { poolId: 'bench', firstParty: num('415', n), secondParty: num('212', n), record: true, recordingChannels: 'dual' });
        pairs.push([num('415', n), s.body.firstParty.proxyNumber as string]);
      }
      const fs0 = cpuMs(fsPid);
      const t0 = Date.now();
      const r = await load(d, pairs, hold, Math.min(10, hold), sinkPort, join(HERE, 'scenarios/uac-announced.xml'), HOLD_S + 120);
      const seconds = (Date.now() - t0) / 1000;
      const fsMs = cpuMs(fsPid) - fs0;
      const ready = readdirSync(recordingsDir).length;
      console.log(
        `${String(hold).padStart(4)} concurrent: ok ${r.ok}, failed ${r.failed}, recording files ${ready}; FreeSWITCH CPU ${(fsMs / seconds / 10).toFixed(1)}% of a core, ${(fsMs / seconds / hold / 10).toFixed(2)}% per call; INVITE→200 p50 ${pct(r.rtt, 50).toFixed(0)} ms`,
      );
      execSync(`rm -f ${recordingsDir}/*.wav`);
    }
    if (far.pid) process.kill(far.pid, 'SIGTERM');
    await far.done.catch(() => undefined);
    await stop();
  }

  sink.close();
  await fs.stop();
  await d.stop();
  await redis.stop();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
