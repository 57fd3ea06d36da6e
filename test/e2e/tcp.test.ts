/**
 * SIP over TCP on both legs: the trunk calls in over TCP, the outbound URI asks
 * for TCP to the far end.
 */
import { describe, expect, it } from 'vitest';
import { digits, drachtioBin, passed, received, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';

warnIfNoDrachtio('TCP transport');

describe.skipIf(!drachtioBin)('TCP transport', () => {
  const st = useSipStack({ outboundTransport: 'tcp' });

  it('connects a masked call over TCP both ways, with nothing of either party crossing', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-masked-call-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v, transport: 't1' });
    passed(caller, 'caller');
    passed(callee, 'callee');
    expect(callee?.messages).toMatch(/TCP message received/);
    expect(received(callee)).toMatch(/^Via: SIP\/2\.0\/TCP /m);
    expect(caller?.messages).toMatch(/TCP message received/);
    expect(callee?.messages).not.toContain(digits(s.a));
    expect(caller?.messages).not.toContain(digits(s.b));
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', hungUpBy: 'caller' });
  });
});
