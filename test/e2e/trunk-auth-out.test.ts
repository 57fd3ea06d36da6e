/**
 * Outbound digest authentication: the carrier challenges Masq's INVITE; Masq
 * answers with its configured credentials, and the caller never sees a 401/407.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digits, drachtioBin, passed, useSipStack, warnIfNoDrachtio, receivedAll } from '../helpers/sip-stack.js';

warnIfNoDrachtio('outbound digest authentication');

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** Recomputes the digest response of the INVITE's Proxy-Authorization (RFC 2617, qop=auth) with `password`. */
function digestValid(invite: string, password: string): boolean {
  const h = /^Proxy-Authorization: Digest (.*)$/m.exec(invite)?.[1] ?? '';
  const p = (k: string) => new RegExp(`${k}="?([^",]+)"?`).exec(h)?.[1] ?? '';
  const ha1 = md5(`${p('username')}:${p('realm')}:${password}`);
  const ha2 = md5(`INVITE:${p('uri')}`);
  return md5(`${ha1}:${p('nonce')}:${p('nc')}:${p('cnonce')}:${p('qop')}:${ha2}`) === p('response');
}

describe.skipIf(!drachtioBin)('outbound digest authentication to the carrier', () => {
  const st = useSipStack({ env: { MASQ_TRUNK_OUTBOUND_AUTH_USER: 'masq-trunk', MASQ_TRUNK_OUTBOUND_AUTH_PASSWORD: 'trunk-secret-1' } });

  it('answers the carrier’s 407 with the configured credentials; the caller only sees the call connect', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-masked-call-expect-200.xml', uas: 'uas-challenge-then-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const invites = receivedAll(callee, /^INVITE sip:/m);
    expect(invites).toHaveLength(2);
    expect(invites[1]).toMatch(/^Proxy-Authorization: Digest username="masq-trunk"/m);
    expect(digestValid(invites[1] ?? '', 'trunk-secret-1')).toBe(true);
    expect(digestValid(invites[1] ?? '', 'another-password')).toBe(false);
    expect(caller.messages).not.toMatch(/^SIP\/2\.0 40[17]/m);
    expect(caller.messages).not.toMatch(/Authenticate/i);
    expect(callee?.messages).not.toContain(digits(s.a));
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed' });
  });

  it('when the carrier refuses the credentials, the caller gets 503 and the record says why', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-reject-expect-503.xml', uas: 'uas-challenge-always.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    expect(caller.messages).not.toMatch(/^SIP\/2\.0 40[17]/m);
    expect(caller.messages).not.toMatch(/Authenticate/i);
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'failed', sipStatus: 503, hungUpBy: 'masq', endReason: 'trunk-auth-failed' });
  });
});
