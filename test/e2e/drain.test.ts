/**
 * Graceful shutdown with calls at every stage: a connected call, a ringing one,
 * and a new one arriving while the instance drains.
 */
import { describe, expect, it } from 'vitest';
import { drachtioBin, passed, until, useSipStack, warnIfNoDrachtio, receivedAll } from '../helpers/sip-stack.js';

warnIfNoDrachtio('drain');

describe.skipIf(!drachtioBin)('drain on shutdown', () => {
  const st = useSipStack({ env: { MASQ_DRAIN_TIMEOUT_S: '1' } });

  it('ends a ringing call with 503 to the caller, CANCEL to the callee and a closed record, and refuses new calls', async () => {
    const ringing = await st.session();
    const ring = await st.startCall({ uac: 'uac-ringing-expect-503.xml', uas: 'uas-ring-until-cancel.xml', caller: ringing.a, callee: ringing.b, to: ringing.v });
    await until('the call to ring', async () => (await st.calls(ringing.id))[0]?.ringingAt);

    const started = Date.now();
    const stopping = st.t.app.stop();
    const other = await st.session().catch(() => undefined);
    // The API is still up while SIP drains; a new call is refused with 503.
    if (other) {
      const refused = await st.call({ uac: 'uac-reject-expect-503.xml', caller: other.a, to: other.v });
      passed(refused.caller, 'new caller');
      expect(refused.caller.messages).toMatch(/^Retry-After: \d+/m);
    }
    const { caller, callee } = await ring.done;
    passed(caller, 'ringing caller');
    passed(callee, 'ringing callee');
    expect(receivedAll(callee, /^CANCEL sip:/m).length > 0).toBe(true);
    await stopping;
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    const [c] = (await st.t.store().calls.listForSession(ringing.id, 1, undefined)).items;
    expect(c).toMatchObject({ state: 'failed', sipStatus: 503, hungUpBy: 'masq', endReason: 'shutdown' });
    expect(c?.endedAt).not.toBeNull();
    expect(await st.db.zcard('masq:calls:open')).toBe(0);
  });
});
