/**
 * Masked calls end to end: sipp as the trunk's caller (UAC) → real drachtio-server
 * → Masq (createApp, real Redis) → sipp as the far end (UAS). Every scenario's
 * INVITE and every callee response plant the real numbers in all identity-bearing
 * places; each test checks none crossed, plus the Redis side effects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { findDrachtio, startDrachtio, type DrachtioServer } from '../helpers/drachtio.js';
import { freePort, waitUdpBound } from '../helpers/ports.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { runSipp, type SippRun } from '../helpers/sipp.js';
import { sipEnv, startApp, waitReady, type TestApp } from '../helpers/app.js';
import type { CallEvent } from '../../src/events/call-events.js';

const bin = findDrachtio();
if (!bin) {
  console.warn('\n*** e2e SKIPPED: no drachtio-server binary (set DRACHTIO_BIN or put `drachtio` on PATH; see DEVELOPERS.md) ***\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const digits = (n: string) => n.replace(/^\+/, '');

describe.skipIf(!bin)('masked calls through drachtio-server', () => {
  let redis: RedisServer;
  let drachtio: DrachtioServer;
  let t: TestApp;
  let db: Redis;
  let uasPort: number;
  let n = 0;
  const V = '+12025550100';
  const events: CallEvent[] = [];

  /** A fresh pair of participants in a fresh session on V. */
  async function session(extra: Record<string, unknown> = {}) {
    n++;
    const a = `+1415555${String(1000 + n)}`;
    const b = `+1212555${String(1000 + n)}`;
    const r = await t.api('POST', '/v1/sessions', { poolId: 'e2e', firstParty: a, secondParty: b, ...extra });
    expect(r.status).toBe(201);
    return { id: r.body.id as string, a, b, v: r.body.firstParty.proxyNumber as string };
  }

  async function call(o: { uac: string; uas?: string; caller: string; callee?: string; to: string; localIp?: string; uasTimeoutS?: number }) {
    const uas = o.uas
      ? runSipp({ scenario: o.uas, localPort: uasPort, keys: { callee: o.callee ?? '+10000000000' }, timeoutS: o.uasTimeoutS ?? 15 })
      : undefined;
    if (uas) await waitUdpBound(uasPort);
    const uac = runSipp({
      scenario: o.uac,
      localPort: await freePort(),
      ...(o.localIp ? { localIp: o.localIp } : {}),
      remote: `127.0.0.1:${drachtio.sipPort}`,
      service: o.to,
      keys: { caller: o.caller },
      timeoutS: 15,
    });
    const [caller, callee] = await Promise.all([uac.done, uas?.done]);
    return { caller, callee };
  }

  function passed(run: SippRun | undefined, who: string): void {
    expect(run, who).toBeDefined();
    expect(run?.code, `${who} scenario failed:\n${run?.errors}\n${run?.messages}`).toBe(0);
  }

  async function calls(sessionId: string) {
    return (await t.api('GET', `/v1/sessions/${sessionId}/calls`)).body.items as Record<string, unknown>[];
  }

  /** Waits until the session's last call has ended (records are written as the call ends). */
  async function finishedCall(sessionId: string) {
    for (let i = 0; i < 50; i++) {
      const [c] = await calls(sessionId);
      if (c?.endedAt) return c;
      await sleep(100);
    }
    throw new Error('call record never finished');
  }

  beforeAll(async () => {
    redis = await startRedis({ persistent: true });
    drachtio = await startDrachtio(bin as string);
    uasPort = await freePort();
    t = await startApp(redis.url, sipEnv(drachtio, uasPort, { MASQ_RING_TIMEOUT_S: '20', MASQ_DRAIN_TIMEOUT_S: '2' }));
    t.app.events.on((e) => events.push(e));
    db = redis.client();
    await waitReady(t.baseUrl);
    const ready = (await (await fetch(`${t.baseUrl}/readyz`)).json()) as { checks: { sip: { status: string } } };
    expect(ready.checks.sip.status).toBe("up");
    await t.api('POST', '/v1/pools', { id: 'e2e' });
    await t.api('POST', '/v1/pools/e2e/numbers', { numbers: [V] });
  }, 30_000);

  afterAll(async () => {
    if (process.env.MASQ_E2E_DUMP) {
      console.log(t?.rawLogs());
      console.log(drachtio?.output().slice(-20_000));
    }
    await t?.stop();
    await drachtio?.stop();
    await redis?.stop();
  });

  it('connects a masked call: the callee sees the proxy number and nothing of the caller', async () => {
    const s = await session();
    const { caller, callee } = await call({ uac: 'uac-masked-call-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const invite = callee?.messages.split(/\n(?=[-]{5,})/).find((m) => m.includes('INVITE sip:')) ?? '';
    expect(invite).toMatch(new RegExp(`^INVITE sip:\\${s.b}@127\\.0\\.0\\.1:${uasPort}`, 'm'));
    expect(invite).toMatch(new RegExp(`^From: <sip:\\${s.v}@`, 'm'));
    expect(invite).toMatch(new RegExp(`^To: <sip:\\${s.b}@`, 'm'));
    // Privacy, both ways, in any header and in the SDP.
    expect(callee?.messages).not.toContain(digits(s.a));
    expect(caller?.messages).not.toContain(digits(s.b));
    const c = await finishedCall(s.id);
    expect(c).toMatchObject({ state: 'completed', direction: 'first-to-second', sipStatus: 200, hungUpBy: 'caller', endReason: 'caller-hangup', virtualNumber: s.v });
    expect(c.answeredAt).not.toBeNull();
    const stats = (await t.api('GET', `/v1/sessions/${s.id}`)).body.stats;
    expect(stats.callCount).toBe(1);
    const mine = events.filter((e) => e.sessionId === s.id);
    expect(mine.map((e) => e.type)).toEqual(['call.initiated', 'call.ringing', 'call.answered', 'call.completed']);
    expect(mine[3]).toMatchObject({ callId: c.id, sipStatus: 200, hungUpBy: 'caller', direction: 'first-to-second' });
    // The same lifecycle is in the session's durable event log, written with the record.
    const logged = ((await t.api('GET', `/v1/events?sessionId=${s.id}`)).body.items as { type: string; call?: { id: string; sipStatus: number | null } }[]).reverse();
    expect(logged.map((e) => e.type)).toEqual(['session.created', 'call.initiated', 'call.ringing', 'call.answered', 'call.completed']);
    expect(logged[4]?.call).toMatchObject({ id: c.id, sipStatus: 200, state: 'completed' });
    expect(stats.lastCallAt).not.toBeNull();
    expect(stats.lastInteractionAt).not.toBeNull();
  });

  it('routes the second party back to the first, masked the same way', async () => {
    const s = await session();
    const { caller, callee } = await call({ uac: 'uac-masked-call-expect-200.xml', uas: 'uas-answer.xml', caller: s.b, callee: s.a, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    expect(callee?.messages).toMatch(new RegExp(`^INVITE sip:\\${s.a}@`, 'm'));
    expect(callee?.messages).not.toContain(digits(s.b));
    expect(await finishedCall(s.id)).toMatchObject({ direction: 'second-to-first', state: 'completed' });
  });

  it('ends both legs when the callee hangs up first', async () => {
    const s = await session();
    const { caller, callee } = await call({ uac: 'uac-answered-expect-bye.xml', uas: 'uas-answer-then-bye.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    expect(await finishedCall(s.id)).toMatchObject({ state: 'completed', hungUpBy: 'callee', endReason: 'callee-hangup' });
  });

  it('relays a busy callee as 486', async () => {
    const s = await session();
    const { caller, callee } = await call({ uac: 'uac-reject-expect-486.xml', uas: 'uas-busy.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    expect(await finishedCall(s.id)).toMatchObject({ state: 'failed', sipStatus: 486, hungUpBy: 'callee', endReason: 'callee-rejected' });
  });

  it('cancels the outbound leg when the caller cancels while ringing (487)', async () => {
    const s = await session();
    const { caller, callee } = await call({ uac: 'uac-cancel-expect-487.xml', uas: 'uas-ring-until-cancel.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const c = await finishedCall(s.id);
    expect(c).toMatchObject({ state: 'failed', sipStatus: 487, hungUpBy: 'caller', endReason: 'caller-cancel' });
    expect(c.ringingAt).not.toBeNull();
  });

  it('cancels at the ring timeout and answers the caller 480', async () => {
    const s = await session({ ringTimeoutSeconds: 2 });
    const started = Date.now();
    const { caller, callee } = await call({ uac: 'uac-reject-expect-480.xml', uas: 'uas-ring-until-cancel.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(await finishedCall(s.id)).toMatchObject({ state: 'failed', sipStatus: 480, hungUpBy: 'masq', endReason: 'ring-timeout' });
  });

  it('hangs up both legs at the call time limit', async () => {
    const s = await session({ callTimeLimitSeconds: 2 });
    const { caller, callee } = await call({ uac: 'uac-answered-expect-bye.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const c = await finishedCall(s.id);
    expect(c).toMatchObject({ state: 'completed', hungUpBy: 'masq', endReason: 'time-limit' });
    expect(c.durationSeconds).toBe(2);
    expect((await t.api('GET', `/v1/sessions/${s.id}`)).body.stats.totalDurationSeconds).toBe(2);
  });

  it('forwards a re-INVITE (hold) between the legs', async () => {
    const s = await session();
    const { caller, callee } = await call({ uac: 'uac-reinvite-expect-200.xml', uas: 'uas-answer-reinvite.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const reinvites = (callee?.messages.match(/^INVITE sip:/gm) ?? []).length;
    expect(reinvites).toBe(2);
    expect(callee?.messages).toContain('a=sendonly');
    expect(callee?.messages).not.toContain(digits(s.a));
  });

  it('forwards INFO (DTMF) from the caller to the callee', async () => {
    const s = await session();
    const { caller, callee } = await call({ uac: 'uac-info-expect-200.xml', uas: 'uas-answer-info.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    expect(callee?.messages).toMatch(/^INFO sip:/m);
    expect(callee?.messages).toContain('Signal=5');
    expect(callee?.messages).toMatch(/^Content-Type: application\/dtmf-relay/m);
  });

  it('forwards UPDATE with scrubbed SDP both ways', async () => {
    const s = await session();
    const { caller, callee } = await call({ uac: 'uac-update-expect-200.xml', uas: 'uas-answer-update.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    expect(callee?.messages).toMatch(/^UPDATE sip:/m);
    expect(callee?.messages).toContain('a=sendonly');
    expect(caller?.messages).toContain('a=recvonly');
    expect(callee?.messages).not.toContain(digits(s.a));
    expect(caller?.messages).not.toContain(digits(s.b));
  });

  it('answers 404 for a number that is in no pool, and never calls anyone', async () => {
    const s = await session();
    const { caller, callee } = await call({ uac: 'uac-reject-expect-404.xml', uas: 'uas-answer.xml', uasTimeoutS: 3, caller: s.a, to: '+13035550199' });
    passed(caller, 'caller');
    expect(callee?.messages ?? '').not.toContain('INVITE');
  });

  it('answers 403 to a caller who is in no session on the number, and keeps that record briefly', async () => {
    const { caller } = await call({ uac: 'uac-reject-expect-403.xml', caller: '+13055550111', to: V });
    passed(caller, 'caller');
    await sleep(200);
    const line = t.logs.filter((l) => l.msg === 'call rejected' && l.code === 'not_in_session').pop();
    const record = await t.api('GET', `/v1/calls/${line?.callId as string}`);
    expect(record.body).toMatchObject({ sessionId: null, state: 'failed', sipStatus: 403, endReason: 'not_in_session', virtualNumber: V });
    const ttl = await db.pttl(`masq:call:${line?.callId as string}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(86_400_000);
  });

  it('answers 410 for an expired session and for a closed one, with a call record', async () => {
    const s = await session({ ttlSeconds: 1 });
    await sleep(1500);
    const expired = await call({ uac: 'uac-reject-expect-410.xml', caller: s.a, to: s.v });
    passed(expired.caller, 'caller');
    expect(await finishedCall(s.id)).toMatchObject({ state: 'failed', sipStatus: 410, endReason: 'session_expired', hungUpBy: 'masq' });

    const c = await session();
    await t.api('DELETE', `/v1/sessions/${c.id}`);
    const closed = await call({ uac: 'uac-reject-expect-410.xml', caller: c.b, to: c.v });
    passed(closed.caller, 'caller');
    expect(await finishedCall(c.id)).toMatchObject({ sipStatus: 410, endReason: 'session_closed' });
  });

  it('answers 403 to a source outside the trunk ACL', async () => {
    const s = await session();
    const { caller } = await call({ uac: 'uac-reject-expect-403.xml', caller: s.a, to: s.v, localIp: '127.0.0.2' });
    passed(caller, 'caller');
    expect(await calls(s.id)).toEqual([]);
    const line = t.logs.find((l) => l.msg === 'call from a source not allowed: 403');
    expect(line).toMatchObject({ source: '127.0.0.2' });
  });

  it('answers 503 with Retry-After within 2 s while Redis is down, and recovers', async () => {
    const s = await session();
    await redis.kill();
    try {
      const started = Date.now();
      const { caller } = await call({ uac: 'uac-reject-expect-503.xml', caller: s.a, to: s.v });
      passed(caller, 'caller');
      expect(Date.now() - started).toBeLessThan(2500);
      expect(caller.messages).toMatch(/^Retry-After: \d+/m);
    } finally {
      await redis.restart();
    }
    for (let i = 0; i < 50 && (await fetch(`${t.baseUrl}/readyz`)).status !== 200; i++) await sleep(100);
    const again = await call({ uac: 'uac-masked-call-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(again.caller, 'caller');
    passed(again.callee, 'callee');
  });

  it('reports SIP down while drachtio-server is gone, keeps the API up, and reattaches by itself', async () => {
    await drachtio.kill();
    let ready: Response | undefined;
    for (let i = 0; i < 50; i++) {
      ready = await fetch(`${t.baseUrl}/readyz`);
      if (ready.status === 503) break;
      await sleep(100);
    }
    expect(ready?.status).toBe(503);
    expect(await ready?.json()).toMatchObject({ failed: ['sip'], checks: { redis: { status: 'up' }, sip: { status: 'down' } } });
    expect((await t.api('GET', '/v1/pools/e2e')).status).toBe(200);
    await drachtio.restart();
    for (let i = 0; i < 100 && (await fetch(`${t.baseUrl}/readyz`)).status !== 200; i++) await sleep(100);
    expect((await fetch(`${t.baseUrl}/readyz`)).status).toBe(200);
    const s = await session();
    const { caller, callee } = await call({ uac: 'uac-masked-call-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
  });

  it('keeps raw numbers out of the service log', () => {
    const raw = t.rawLogs();
    expect(raw).toContain('call ended');
    expect(raw).not.toMatch(/\+?1(415|212)555\d{4}/);
    expect(db).toBeDefined();
  });

  // Last: it stops the app.
  it('on shutdown refuses new calls with 503 and ends live ones after the drain timeout', async () => {
    const live = await session();
    const liveCall = call({ uac: 'uac-answered-expect-bye.xml', uas: 'uas-answer.xml', caller: live.a, callee: live.b, to: live.v });
    for (let i = 0; i < 50 && t.app.sip?.registry.size !== 1; i++) await sleep(50);
    expect(t.app.sip?.registry.size).toBe(1);
    const started = Date.now();
    const stopping = t.app.stop();
    const other = await session();
    const refused = await call({ uac: 'uac-reject-expect-503.xml', caller: other.a, to: other.v });
    passed(refused.caller, 'new caller');
    const { caller, callee } = await liveCall;
    passed(caller, 'live caller');
    passed(callee, 'live callee');
    await stopping;
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    const c = (await t.store().calls.listForSession(live.id, 1, undefined)).items[0];
    expect(c).toMatchObject({ state: 'completed', hungUpBy: 'masq', endReason: 'shutdown' });
  });
});
