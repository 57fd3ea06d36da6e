/**
 * Session timers (RFC 4028) on each leg: Masq refreshes a leg that supports them
 * and ends the call when a refresh finds the leg gone. The interval is 2 s here
 * (headers still say 90, RFC 4028's floor).
 */
import { describe, expect, it } from 'vitest';
import { drachtioBin, passed, received, useSipStack, warnIfNoDrachtio, receivedAll } from '../helpers/sip-stack.js';

warnIfNoDrachtio('session timers');

describe.skipIf(!drachtioBin)('session timers', () => {
  const st = useSipStack({ env: { MASQ_SESSION_TIMER_S: '2', MASQ_LOG_LEVEL: 'debug' } });

  it('offers timers to the callee and refreshes it with UPDATE; the call stays up while refreshes are answered', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-answered-expect-bye.xml', uas: 'uas-answer-timer-refreshes.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const invite = receivedAll(callee, /^INVITE sip:/m)[0] ?? '';
    expect(invite).toMatch(/^Session-Expires: 90;refresher=uac/m);
    expect(invite).toMatch(/^Supported: timer/m);
    expect(received(callee).match(/^UPDATE sip:/gm)).toHaveLength(2);
    // The caller's INVITE advertised no timers: it gets no refreshes.
    expect(received(caller)).not.toMatch(/^UPDATE sip:/m);
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', hungUpBy: 'callee', endReason: 'callee-hangup' });
  });

  it('ends the call when a refresh finds the callee gone, instead of waiting for the time limit', async () => {
    const s = await st.session();
    const started = Date.now();
    const { caller, callee } = await st.call({ uac: 'uac-answered-expect-bye.xml', uas: 'uas-answer-timer-then-vanish.xml', caller: s.a, callee: s.b, to: s.v, uacTimeoutS: 45 });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const c = await st.finishedCall(s.id);
    expect(c).toMatchObject({ state: 'completed', hungUpBy: 'callee', endReason: 'session-expired' });
    expect(Date.now() - started).toBeLessThan(40_000);
  }, 60_000);
});
