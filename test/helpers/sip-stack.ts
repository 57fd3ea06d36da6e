/**
 * An e2e stack for SIP tests: real redis-server, real drachtio-server, the Masq
 * app attached to it, a pool with one virtual number, and helpers to run a
 * sipp caller (the trunk) against a sipp far end and read what happened.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Redis } from 'ioredis';
import { findDrachtio, startDrachtio, type DrachtioServer } from './drachtio.js';
import { freePort, waitUdpBound } from './ports.js';
import { startRedis, type RedisServer } from './redis-server.js';
import { runSipp, type SippRun } from './sipp.js';
import { sipEnv, startApp, waitReady, type TestApp } from './app.js';
import { startPhoneBank, type PhoneBank } from './phones/phone-bank.js';
import type { CallEvent } from '../../src/sip/call-events.js';

export const drachtioBin = findDrachtio();

/** One line saying what is skipped and why, when drachtio-server is absent. */
export function warnIfNoDrachtio(what: string): void {
  if (!drachtioBin) console.warn(`\n*** e2e SKIPPED (${what}): no drachtio-server binary (set DRACHTIO_BIN or put \`drachtio\` on PATH, or MASQ_TEST_DRACHTIO for a running one; see DEVELOPERS.md) ***\n`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The digits of a number, as they appear in any form (with or without +). */
export const digits = (n: string) => n.replace(/^\+/, '');

/** Waits until `check` returns something truthy, polling; throws after `ms`. */
export async function until<T>(what: string, check: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export interface CallOptions {
  uac: string;
  uas?: string;
  caller: string;
  callee?: string;
  /** The virtual number dialled. */
  to: string;
  localIp?: string;
  uasTimeoutS?: number;
  uacTimeoutS?: number;
  /** More -key values for the caller's scenario. */
  uacKeys?: Record<string, string>;
  /** More -key values for the far end's scenario. */
  uasKeys?: Record<string, string>;
  /** Transport for both sipp instances: u1 (UDP) or t1 (TCP). */
  transport?: 'u1' | 't1';
  /** More sipp arguments for the caller (`-d 2000` for a scenario's plain pause). */
  uacArgs?: string[];
  /** More sipp arguments for the far end. */
  uasArgs?: string[];
}

export interface SipStack {
  readonly redis: RedisServer;
  readonly drachtio: DrachtioServer;
  readonly t: TestApp;
  readonly db: Redis;
  readonly uasPort: number;
  readonly virtualNumber: string;
  readonly events: CallEvent[];
  /** The sip.js phones, when the stack was started with `phones: true` (callees are reached through them). */
  readonly phones: PhoneBank;
  /** A fresh pair of participants in a fresh session on the virtual number. */
  session(extra?: Record<string, unknown>): Promise<{ id: string; a: string; b: string; v: string }>;
  /** Runs the caller (and the far end, when given) to completion. */
  call(o: CallOptions): Promise<{ caller: SippRun; callee: SippRun | undefined }>;
  /** Starts them and returns at once (for tests that act while the call runs). */
  startCall(o: CallOptions): Promise<{ done: Promise<{ caller: SippRun; callee: SippRun | undefined }> }>;
  /** The session's calls, newest first. */
  calls(sessionId: string): Promise<Record<string, unknown>[]>;
  /** Waits until the session's newest call has ended and returns it. */
  finishedCall(sessionId: string, ms?: number): Promise<Record<string, unknown>>;
  /** Starts a far end that answers `calls` calls with `scenario` (for calls running side by side). */
  startFarEnd(scenario: string, calls: number, timeoutS?: number): Promise<{ done: Promise<SippRun> }>;
  /** Registers a number a test uses outside session() (a stranger), for the log check; returns it. */
  number(n: string): string;
  /** Every phone number the tests of this file used. */
  numbersUsed(): string[];
}

/** Asserts a sipp run passed its scenario, showing its trace when not. */
export function passed(run: SippRun | undefined, who: string): void {
  expect(run, who).toBeDefined();
  expect(run?.code, `${who} scenario failed:\n${run?.errors}\n${run?.messages}`).toBe(0);
}

/** The messages of a sipp trace, one string each. */
export function messages(run: SippRun | undefined): string[] {
  return (run?.messages ?? '').split(/\n(?=-{5,})/);
}

/** The messages that sipp instance received (not sent), those matching every pattern given. */
export function receivedAll(run: SippRun | undefined, ...patterns: RegExp[]): string[] {
  return messages(run).filter((m) => /message received/.test(m) && patterns.every((p) => p.test(m)));
}

/** Messages of the trace that were received (not sent) by that sipp instance. */
export function received(run: SippRun | undefined): string {
  return messages(run)
    .filter((m) => /message received/.test(m))
    .join('\n');
}

let counter = 0;

/**
 * Registers beforeAll/afterAll that start the stack; the returned object is
 * usable inside tests.
 *
 * @example const s = useSipStack({ env: { MASQ_RING_TIMEOUT_S: '20' } });
 */
export function useSipStack(
  opts: {
    /** The app's environment (a function: read once the earlier beforeAll hooks have run). */
    env?: Record<string, string> | (() => Record<string, string>);
    persistent?: boolean;
    areaA?: string;
    areaB?: string;
    outboundTransport?: 'tcp';
    /**
     * sip.js phones on drachtio's WebSocket transport: MASQ_TRUNK_OUTBOUND_URI
     * points at them (callees are phones, not sipp), and `phones` makes callers too.
     */
    phones?: boolean;
  } = {},
): SipStack {
  const state = { events: [] as CallEvent[] } as { -readonly [K in keyof SipStack]: SipStack[K] };
  const V = '+12025550100';
  state.virtualNumber = V;
  const areaA = opts.areaA ?? '415';
  const areaB = opts.areaB ?? '212';
  const used = new Set<string>();

  beforeAll(async () => {
    state.redis = await startRedis({ persistent: opts.persistent ?? true });
    state.drachtio = await startDrachtio(drachtioBin as string, { ws: opts.phones ?? false });
    state.uasPort = await freePort();
    if (opts.phones) state.phones = await startPhoneBank({ wsPort: state.drachtio.wsPort as number });
    const transport: Record<string, string> = opts.outboundTransport
      ? { MASQ_TRUNK_OUTBOUND_URI: `sip:{number}@127.0.0.1:${state.uasPort};transport=${opts.outboundTransport}` }
      : opts.phones
        ? { MASQ_TRUNK_OUTBOUND_URI: state.phones.trunkUri }
        : {};
    state.t = await startApp(state.redis.url, sipEnv(state.drachtio, state.uasPort, { MASQ_RING_TIMEOUT_S: '20', MASQ_DRAIN_TIMEOUT_S: '2', ...transport, ...(typeof opts.env === 'function' ? opts.env() : opts.env) }));
    state.t.app.events.on((e) => state.events.push(e));
    state.db = state.redis.client();
    await waitReady(state.t.baseUrl);
    await state.t.api('POST', '/v1/pools', { id: 'e2e' });
    await state.t.api('POST', '/v1/pools/e2e/numbers', { numbers: [V] });
    used.add(V);
  }, 30_000);

  // After every test of the file, whatever their order: no number any test used
  // may appear in the service's log (the app logs at the level the file chose).
  afterAll(async () => {
    if (process.env.MASQ_E2E_DUMP) {
      // To files: the console output of a long run gets cut.
      const dir = mkdtempSync(join(tmpdir(), 'masq-e2e-dump-'));
      writeFileSync(join(dir, 'masq.log'), state.t?.rawLogs() ?? '');
      writeFileSync(join(dir, 'drachtio.log'), state.drachtio?.output() ?? '');
      console.log(`e2e dump: ${dir}`);
    }
    await state.t?.stop();
    await state.phones?.stop();
    await state.drachtio?.stop();
    await state.redis?.stop();
    const raw = state.t?.rawLogs() ?? '';
    const leaked = [...used].filter((n) => raw.includes(digits(n)));
    expect(raw.length, 'the app wrote no log at all').toBeGreaterThan(0);
    expect(leaked, 'raw numbers in the service log').toEqual([]);
  });

  state.number = (n) => {
    used.add(n);
    return n;
  };
  state.numbersUsed = () => [...used];

  state.session = async (extra = {}) => {
    counter++;
    const a = `+1${areaA}555${String(1000 + counter)}`;
    const b = `+1${areaB}555${String(1000 + counter)}`;
    used.add(a).add(b);
    const r = await state.t.api('POST', '/v1/sessions', { poolId: 'e2e', firstParty: a, secondParty: b, ...extra });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { id: r.body.id as string, a, b, v: r.body.firstParty.proxyNumber as string };
  };

  state.startCall = async (o) => {
    const transport = o.transport ?? 'u1';
    const uas = o.uas
      ? runSipp({ scenario: o.uas, localPort: state.uasPort, keys: { callee: o.callee ?? '+10000000000', ...o.uasKeys }, timeoutS: o.uasTimeoutS ?? 15, extraArgs: ['-t', transport, ...(o.uasArgs ?? [])] })
      : undefined;
    if (uas && transport === 'u1') {
      await waitUdpBound(state.uasPort).catch(async (err: unknown) => {
        // Say why the far end is not there (sipp exits at once on a bind or scenario error).
        const exited = await Promise.race([uas.done, sleep(500).then(() => undefined)]);
        throw new Error(`${(err as Error).message}: far end ${o.uas} ${exited ? `exited ${exited.code}: ${exited.errors}` : 'still starting'}`);
      });
    }
    if (uas && transport === 't1') await sleep(300);
    const uac = runSipp({
      scenario: o.uac,
      localPort: await freePort(),
      ...(o.localIp ? { localIp: o.localIp } : {}),
      remote: `127.0.0.1:${state.drachtio.sipPort}`,
      service: o.to,
      keys: { caller: o.caller, ...o.uacKeys },
      timeoutS: o.uacTimeoutS ?? 15,
      extraArgs: ['-t', transport, ...(o.uacArgs ?? [])],
    });
    const done = Promise.all([uac.done, uas?.done]).then(([caller, callee]) => ({ caller, callee }));
    return { done };
  };

  state.call = async (o) => (await state.startCall(o)).done;

  state.startFarEnd = async (scenario, calls, timeoutS = 20) => {
    const far = runSipp({ scenario, localPort: state.uasPort, calls, limit: calls, timeoutS, keys: { callee: '+10000000000' } });
    await waitUdpBound(state.uasPort);
    return { done: far.done };
  };

  // [] while the API cannot answer (Redis restarting): callers poll.
  state.calls = async (sessionId) => {
    const r = await state.t.api('GET', `/v1/sessions/${sessionId}/calls`);
    return r.status === 200 ? (r.body.items as Record<string, unknown>[]) : [];
  };

  state.finishedCall = (sessionId, ms = 10_000) =>
    until(
      'the call record to finish',
      async () => {
        const [c] = await state.calls(sessionId);
        return c?.endedAt ? c : undefined;
      },
      ms,
    );

  return state;
}
