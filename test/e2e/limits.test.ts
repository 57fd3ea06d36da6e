/**
 * Call limits: per session and per virtual number (counted across instances in
 * Redis), per instance, and the per-source INVITE rate.
 */
import { describe, expect, it } from 'vitest';
import { drachtioBin, passed, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';
import { busyLoop } from '../helpers/busy-loop.js';
import { scrape, valueOf } from '../helpers/metrics.js';

warnIfNoDrachtio('call limits');

describe.skipIf(!drachtioBin)('limits per session and per virtual number', () => {
  const st = useSipStack({ env: { MASQ_MAX_CALLS_PER_SESSION: '1', MASQ_MAX_CALLS_PER_NUMBER: '2' } });

  it('refuses a second call in the same session (486), a third on the number (486), and admits again once calls end', async () => {
    const [s1, s2, s3] = [await st.session(), await st.session(), await st.session()];
    const far = await st.startFarEnd('uas-answer.xml', 3);
    const first = await st.startCall({ uac: 'uac-talk-expect-200.xml', caller: s1.a, to: s1.v, uacArgs: ['-d', '2500'] });
    await until('the first call to be answered', async () => (await st.calls(s1.id))[0]?.state === 'answered');
    const same = await st.call({ uac: 'uac-reject-expect-486.xml', caller: s1.b, to: s1.v });
    passed(same.caller, 'second call of the session');
    const other = await st.startCall({ uac: 'uac-talk-expect-200.xml', caller: s2.a, to: s2.v, uacArgs: ['-d', '1500'] });
    await until('the second session’s call to be answered', async () => (await st.calls(s2.id))[0]?.state === 'answered');
    const third = await st.call({ uac: 'uac-reject-expect-486.xml', caller: s3.a, to: s3.v });
    passed(third.caller, 'third call on the number');
    expect((await st.calls(s1.id))[0]).toMatchObject({ state: 'failed', sipStatus: 486, endReason: 'call_limit', hungUpBy: 'masq' });
    expect((await st.calls(s3.id))[0]).toMatchObject({ state: 'failed', sipStatus: 486, endReason: 'call_limit' });
    passed((await first.done).caller, 'first');
    passed((await other.done).caller, 'other');
    // Both ended: the live sets are empty, and the session takes a call again.
    await until('the live sets to empty', async () => (await st.db.exists(`masq:ses:${s1.id}:live`, `masq:num:${s1.v}:live`)) === 0);
    const again = await st.startCall({ uac: 'uac-talk-expect-200.xml', caller: s3.a, to: s3.v, uacArgs: ['-d', '200'] });
    passed((await again.done).caller, 'again');
    passed(await far.done, 'far end');
  });
});

describe.skipIf(!drachtioBin)('limit per instance', () => {
  const st = useSipStack({ env: { MASQ_MAX_CALLS: '1' } });

  it('refuses a call beyond the instance’s maximum with 503 and Retry-After, and records nothing for it', async () => {
    const [s1, s2] = [await st.session(), await st.session()];
    const far = await st.startFarEnd('uas-answer.xml', 1);
    const first = await st.startCall({ uac: 'uac-talk-expect-200.xml', caller: s1.a, to: s1.v, uacArgs: ['-d', '1500'] });
    await until('the first call to be answered', async () => (await st.calls(s1.id))[0]?.state === 'answered');
    const refused = await st.call({ uac: 'uac-reject-expect-503.xml', caller: s2.a, to: s2.v });
    passed(refused.caller, 'refused');
    expect(refused.caller.messages).toMatch(/^Retry-After: \d+/m);
    expect(await st.calls(s2.id)).toEqual([]);
    passed((await first.done).caller, 'first');
    passed(await far.done, 'far end');
  });
});

describe.skipIf(!drachtioBin)('INVITE rate per source', () => {
  const st = useSipStack({ env: { MASQ_SIP_RATE_LIMIT: '1' } });

  it('answers 503 to a source over its rate (after a burst of two), before any lookup', async () => {
    const stranger = st.number('+13055550188');
    for (let i = 0; i < 2; i++) passed((await st.call({ uac: 'uac-reject-expect-403.xml', caller: stranger, to: st.virtualNumber })).caller, `call ${i}`);
    const over = await st.call({ uac: 'uac-reject-expect-503.xml', caller: stranger, to: st.virtualNumber });
    passed(over.caller, 'over the rate');
  });
});

describe.skipIf(!drachtioBin)('overloaded instance', () => {
  const st = useSipStack({ env: { MASQ_OVERLOAD_LAG_MS: '60' } });

  it('refuses new calls with 503 and Retry-After while its event loop lags, records nothing for them, and takes calls again once it catches up', async () => {
    const s = await st.session();
    const stop = busyLoop(120);
    try {
      await until('the instance to shed', async () => valueOf(await scrape(st.t.baseUrl), 'masq_overloaded') === 1, 5000);
      const refused = await st.call({ uac: 'uac-reject-expect-503.xml', caller: s.a, to: s.v });
      passed(refused.caller, 'refused for load');
      expect(refused.caller.messages).toMatch(/^Retry-After: 1/m);
    } finally {
      stop();
    }
    expect(await st.calls(s.id)).toEqual([]);
    await until('the instance to take calls again', async () => valueOf(await scrape(st.t.baseUrl), 'masq_overloaded') === 0, 5000);
    const far = await st.startFarEnd('uas-answer.xml', 1);
    passed((await st.call({ uac: 'uac-masked-call-expect-200.xml', caller: s.a, to: s.v })).caller, 'after the load');
    passed(await far.done, 'far end');
  });
});
