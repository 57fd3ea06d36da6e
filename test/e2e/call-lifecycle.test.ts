/**
 * A call's life when things happen at awkward moments: a CANCEL at every stage
 * of call setup, and Redis lost while calls are up and hang up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';
import { digits, drachtioBin, passed, sleep, until, useSipStack, warnIfNoDrachtio, receivedAll } from '../helpers/sip-stack.js';

warnIfNoDrachtio('call lifecycle');

describe.skipIf(!drachtioBin)('a CANCEL at every stage, and Redis lost mid-call', () => {
  let recv: Receiver;
  const routeUrl = { value: '' };
  beforeAll(async () => {
    recv = await startReceiver();
    routeUrl.value = recv.url('/route');
  });
  afterAll(async () => {
    await recv?.stop();
  });
  const st = useSipStack({ env: () => ({ MASQ_LOG_LEVEL: 'debug', MASQ_ROUTING_CALLBACK_URL: routeUrl.value, MASQ_ROUTING_CALLBACK_TIMEOUT_MS: '3000' }) });

  it('CANCEL while the route is being looked up: 487 at once, nobody rung, one complete record', async () => {
    const s = await st.session();
    // Redis holds every command for a second: the lookup is in flight when the CANCEL lands.
    await st.db.call('CLIENT', 'PAUSE', '1000', 'ALL');
    const { caller, callee } = await st.call({ uac: 'uac-cancel-early-expect-487.xml', uas: 'uas-answer.xml', uasTimeoutS: 3, caller: s.a, callee: s.b, to: s.v, uacArgs: ['-d', '200'] });
    passed(caller, 'caller');
    expect(callee?.messages ?? '', 'the callee was rung').not.toContain('INVITE');
    const c = await st.finishedCall(s.id);
    expect(c).toMatchObject({ state: 'failed', sipStatus: 487, hungUpBy: 'caller', endReason: 'caller-cancel', ringingAt: null });
    expect((await st.t.api('GET', `/v1/sessions/${s.id}`)).body.stats.callCount).toBe(1);
  });

  it('CANCEL while the routing callback decides: the dial it returns is never placed', async () => {
    const s = await st.session();
    const stranger = st.number('+13055550142');
    recv.on('/route', async () => {
      await sleep(800);
      return { status: 200, json: { action: 'dial', target: s.b, callerId: st.virtualNumber } };
    });
    const { caller, callee } = await st.call({ uac: 'uac-cancel-early-expect-487.xml', uas: 'uas-answer.xml', uasTimeoutS: 3, caller: stranger, callee: s.b, to: s.v, uacArgs: ['-d', '200'] });
    passed(caller, 'caller');
    expect(recv.received('/route')).toHaveLength(1);
    await sleep(1000);
    expect(callee?.messages ?? '', 'the callee was rung').not.toContain('INVITE');
    await until('the call to leave the registry', () => st.t.app.sip?.registry.size === 0);
    const ended = st.events.filter((e) => e.direction === 'out-of-session' && e.type === 'call.failed');
    expect(ended.pop()).toMatchObject({ sipStatus: 487, endReason: 'caller-cancel', hungUpBy: 'caller' });
  });

  it('CANCEL after the INVITE went out, before the callee rings: the callee gets the CANCEL', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-cancel-early-expect-487.xml', uas: 'uas-silent-until-cancel.xml', caller: s.a, callee: s.b, to: s.v, uacArgs: ['-d', '300'] });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const cancel = receivedAll(callee, /^CANCEL sip:/m)[0] ?? '';
    expect(cancel).toMatch(/^Reason: SIP;cause=200\r?$/m);
    expect(callee?.messages).not.toContain(digits(s.a));
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'failed', sipStatus: 487, endReason: 'caller-cancel', ringingAt: null });
  });

  it('CANCEL while the callee rings (the usual case) still ends in one complete record', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-cancel-expect-487.xml', uas: 'uas-ring-until-cancel.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const c = await st.finishedCall(s.id);
    expect(c).toMatchObject({ state: 'failed', sipStatus: 487, endReason: 'caller-cancel' });
    expect(c.ringingAt).not.toBeNull();
  });

  it('Redis lost while calls are up and hang up: every record completes once Redis is back', async () => {
    const sessions = [await st.session(), await st.session(), await st.session()];
    // One far end answers all three calls.
    const far = await st.startFarEnd('uas-answer.xml', 3);
    const running = await Promise.all(sessions.map((s) => st.startCall({ uac: 'uac-talk-expect-200.xml', caller: s.a, to: s.v, uacArgs: ['-d', '2500'] })));
    await until('three answered calls', async () => {
      const cs = await Promise.all(sessions.map((s) => st.calls(s.id)));
      return cs.every((c) => c[0]?.state === 'answered');
    });
    await st.redis.kill();
    try {
      await until('the callers to hang up during the outage', () => st.t.app.sip?.registry.size === 0, 10_000);
      expect(st.t.app.sip?.journal.pending).toBeGreaterThanOrEqual(3);
    } finally {
      await st.redis.restart();
    }
    for (const r of running) passed((await r.done).caller, 'caller');
    passed(await far.done, 'far end');
    for (const s of sessions) {
      const c = await st.finishedCall(s.id, 15_000);
      expect(c).toMatchObject({ state: 'completed', hungUpBy: 'caller', endReason: 'caller-hangup', sipStatus: 200 });
      expect(c.durationSeconds).toBeGreaterThanOrEqual(2);
      const stats = (await st.t.api('GET', `/v1/sessions/${s.id}`)).body.stats;
      expect(stats).toMatchObject({ callCount: 1, totalDurationSeconds: c.durationSeconds });
      const logged = ((await st.t.api('GET', `/v1/events?sessionId=${s.id}`)).body.items as { type: string }[]).map((e) => e.type).reverse();
      expect(logged).toEqual(['session.created', 'call.initiated', 'call.ringing', 'call.answered', 'call.completed']);
    }
    expect(st.t.app.sip?.journal.pending).toBe(0);
  }, 60_000);
});
