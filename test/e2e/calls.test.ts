/**
 * Masked calls end to end: sipp as the trunk's caller (UAC) → real drachtio-server
 * → Masq (createApp, real Redis) → sipp as the far end (UAS). Every scenario's
 * INVITE and every callee response plant the real numbers in all identity-bearing
 * places; each test checks none crossed, plus the Redis side effects.
 */
import { describe, expect, it } from 'vitest';
import { digits, drachtioBin, passed, until, useSipStack, warnIfNoDrachtio, type CallOptions } from '../helpers/sip-stack.js';

warnIfNoDrachtio('masked calls');

describe.skipIf(!drachtioBin)('masked calls through drachtio-server', () => {
  const st = useSipStack();
  const session = (extra?: Record<string, unknown>) => st.session(extra);
  const call = (o: CallOptions) => st.call(o);
  const calls = (id: string) => st.calls(id);
  const finishedCall = (id: string) => st.finishedCall(id);

  it('connects a masked call: the callee sees the proxy number and nothing of the caller', async () => {
    const s = await session();
    const { caller, callee } = await call({ uac: 'uac-masked-call-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const invite = callee?.messages.split(/\n(?=[-]{5,})/).find((m) => m.includes('INVITE sip:')) ?? '';
    expect(invite).toMatch(new RegExp(`^INVITE sip:\\${s.b}@127\\.0\\.0\\.1:${st.uasPort}`, 'm'));
    expect(invite).toMatch(new RegExp(`^From: <sip:\\${s.v}@`, 'm'));
    expect(invite).toMatch(new RegExp(`^To: <sip:\\${s.b}@`, 'm'));
    // Privacy, both ways, in any header and in the SDP.
    expect(callee?.messages).not.toContain(digits(s.a));
    expect(caller?.messages).not.toContain(digits(s.b));
    const c = await finishedCall(s.id);
    expect(c).toMatchObject({ state: 'completed', direction: 'first-to-second', sipStatus: 200, hungUpBy: 'caller', endReason: 'caller-hangup', virtualNumber: s.v });
    expect(c.answeredAt).not.toBeNull();
    const stats = (await st.t.api('GET', `/v1/sessions/${s.id}`)).body.stats;
    expect(stats.callCount).toBe(1);
    const mine = st.events.filter((e) => e.sessionId === s.id);
    expect(mine.map((e) => e.type)).toEqual(['call.initiated', 'call.ringing', 'call.answered', 'call.completed']);
    expect(mine[3]).toMatchObject({ callId: c.id, sipStatus: 200, hungUpBy: 'caller', direction: 'first-to-second' });
    // The same lifecycle is in the session's durable event log, written with the record.
    const logged = ((await st.t.api('GET', `/v1/events?sessionId=${s.id}`)).body.items as { type: string; call?: { id: string; sipStatus: number | null } }[]).reverse();
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
    expect((await st.t.api('GET', `/v1/sessions/${s.id}`)).body.stats.totalDurationSeconds).toBe(2);
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
    const { caller, callee } = await call({ uac: 'uac-reject-expect-404.xml', uas: 'uas-answer.xml', uasTimeoutS: 3, caller: s.a, to: st.number('+13035550199') });
    passed(caller, 'caller');
    expect(callee?.messages ?? '').not.toContain('INVITE');
  });

  it('answers 403 to a caller who is in no session on the number, and keeps that record briefly', async () => {
    const { caller } = await call({ uac: 'uac-reject-expect-403.xml', caller: st.number('+13055550111'), to: st.virtualNumber });
    passed(caller, 'caller');
    const line = await until('the rejection to be logged', () => st.t.logs.filter((l) => l.msg === 'call rejected' && l.code === 'not_in_session').pop());
    const record = await st.t.api('GET', `/v1/calls/${line?.callId as string}`);
    expect(record.body).toMatchObject({ sessionId: null, state: 'failed', sipStatus: 403, endReason: 'not_in_session', virtualNumber: st.virtualNumber });
    const ttl = await st.db.pttl(`masq:call:${line?.callId as string}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(86_400_000);
  });

  it('answers 410 for an expired session and for a closed one, with a call record', async () => {
    const s = await session({ ttlSeconds: 1 });
    await until('the session to expire', async () => (await st.t.api('GET', `/v1/sessions/${s.id}`)).body.status === 'expired');
    const expired = await call({ uac: 'uac-reject-expect-410.xml', caller: s.a, to: s.v });
    passed(expired.caller, 'caller');
    expect(await finishedCall(s.id)).toMatchObject({ state: 'failed', sipStatus: 410, endReason: 'session_expired', hungUpBy: 'masq' });

    const c = await session();
    await st.t.api('DELETE', `/v1/sessions/${c.id}`);
    const closed = await call({ uac: 'uac-reject-expect-410.xml', caller: c.b, to: c.v });
    passed(closed.caller, 'caller');
    expect(await finishedCall(c.id)).toMatchObject({ sipStatus: 410, endReason: 'session_closed' });
  });

  it('answers 403 to a source outside the trunk ACL', async () => {
    const s = await session();
    const { caller } = await call({ uac: 'uac-reject-expect-403.xml', caller: s.a, to: s.v, localIp: '127.0.0.2' });
    passed(caller, 'caller');
    expect(await calls(s.id)).toEqual([]);
    const line = await until('the refusal to be logged', () => st.t.logs.find((l) => l.msg === 'call from a source not allowed: 403'));
    expect(line).toMatchObject({ source: '127.0.0.2' });
  });

  it('answers 503 with Retry-After within 2 s while Redis is down, and recovers', async () => {
    const s = await session();
    await st.redis.kill();
    try {
      const started = Date.now();
      const { caller } = await call({ uac: 'uac-reject-expect-503.xml', caller: s.a, to: s.v });
      passed(caller, 'caller');
      expect(Date.now() - started).toBeLessThan(2500);
      expect(caller.messages).toMatch(/^Retry-After: \d+/m);
    } finally {
      await st.redis.restart();
    }
    await until('ready again', async () => (await fetch(`${st.t.baseUrl}/readyz`)).status === 200);
    const again = await call({ uac: 'uac-masked-call-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(again.caller, 'caller');
    passed(again.callee, 'callee');
  });

  it('reports SIP down while drachtio-server is gone, keeps the API up, and reattaches by itself', async () => {
    await st.drachtio.kill();
    const ready = await until('SIP to be reported down', async () => {
      const r = await fetch(`${st.t.baseUrl}/readyz`);
      return r.status === 503 ? r : undefined;
    });
    expect(await ready.json()).toMatchObject({ failed: ['sip'], checks: { redis: { status: 'up' }, sip: { status: 'down' } } });
    expect((await st.t.api('GET', '/v1/pools/e2e')).status).toBe(200);
    await st.drachtio.restart();
    await until('SIP to reattach', async () => (await fetch(`${st.t.baseUrl}/readyz`)).status === 200);
    const s = await session();
    const { caller, callee } = await call({ uac: 'uac-masked-call-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
  });

  // Last: it stops the app.
  it('on shutdown refuses new calls with 503 and ends live ones after the drain timeout', async () => {
    const live = await session();
    const liveCall = call({ uac: 'uac-answered-expect-bye.xml', uas: 'uas-answer.xml', caller: live.a, callee: live.b, to: live.v });
    await until('the call to be live', () => st.t.app.sip?.registry.size === 1);
    const started = Date.now();
    const stopping = st.t.app.stop();
    const other = await session();
    const refused = await call({ uac: 'uac-reject-expect-503.xml', caller: other.a, to: other.v });
    passed(refused.caller, 'new caller');
    const { caller, callee } = await liveCall;
    passed(caller, 'live caller');
    passed(callee, 'live callee');
    await stopping;
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    const c = (await st.t.store().calls.listForSession(live.id, 1, undefined)).items[0];
    expect(c).toMatchObject({ state: 'completed', hungUpBy: 'masq', endReason: 'shutdown' });
  });
});
