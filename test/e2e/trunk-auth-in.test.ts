/**
 * Digest authentication of the trunk: nonces that expire and serve once. A
 * captured Authorization header cannot be replayed; an expired nonce is
 * challenged again with stale=true; a wrong password is refused.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drachtioBin, messages, passed, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';

warnIfNoDrachtio('trunk digest authentication');

const USER = 'trunk';
const PASSWORD = 'trunk-secret-123';
const REALM = 'masq.test';
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** The WWW-Authenticate challenge a caller received. */
function challengeOf(run: { messages: string }): string {
  return /^WWW-Authenticate: (.*)$/m.exec(run.messages)?.[1]?.trim() ?? '';
}

describe.skipIf(!drachtioBin)('trunk digest authentication', () => {
  const st = useSipStack({ env: { MASQ_TRUNK_AUTH_USER: USER, MASQ_TRUNK_AUTH_PASSWORD: PASSWORD, MASQ_TRUNK_AUTH_REALM: REALM, MASQ_TRUNK_AUTH_NONCE_TTL_S: '3' } });
  const authArgs = (password: string) => ['-au', USER, '-ap', password];

  it('lets an authenticated call through, and refuses the same Authorization header replayed', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-auth-masked-call-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v, uacArgs: authArgs(PASSWORD) });
    passed(caller, 'caller');
    passed(callee, 'callee');
    expect(callee?.messages).not.toMatch(/Authorization/);
    const sent = messages(caller).find((m) => /message sent/.test(m) && /^Authorization: Digest/m.test(m)) ?? '';
    const header = /^Authorization: (.*)$/m.exec(sent)?.[1]?.trim() ?? '';
    expect(header).toMatch(/nonce="[0-9a-z]+\.[\w-]+\.[\w-]+"/);
    const replay = await st.call({ uac: 'uac-given-auth-expect-401.xml', uas: 'uas-answer.xml', uasTimeoutS: 2, caller: s.a, to: s.v, uacKeys: { auth: header } });
    passed(replay.caller, 'replay');
    expect(challengeOf(replay.caller)).not.toMatch(/stale=true/);
    expect(replay.callee?.messages ?? '').not.toContain('INVITE');
  });

  it('challenges again with stale=true when a right digest answers an expired nonce', async () => {
    const s = await st.session();
    const first = await st.call({ uac: 'uac-unauthenticated-expect-401.xml', caller: s.a, to: s.v });
    passed(first.caller, 'first');
    const nonce = /nonce="([^"]+)"/.exec(challengeOf(first.caller))?.[1] ?? '';
    expect(nonce).not.toBe('');
    await new Promise((r) => setTimeout(r, 3500));
    const uri = `sip:${s.v}@127.0.0.1:${st.drachtio.sipPort}`;
    const [nc, cnonce] = ['00000001', 'c0ffee'];
    const response = md5(`${md5(`${USER}:${REALM}:${PASSWORD}`)}:${nonce}:${nc}:${cnonce}:auth:${md5(`INVITE:${uri}`)}`);
    const header = `Digest username="${USER}", realm="${REALM}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}"`;
    const late = await st.call({ uac: 'uac-given-auth-expect-401.xml', caller: s.a, to: s.v, uacKeys: { auth: header } });
    passed(late.caller, 'late answer');
    expect(challengeOf(late.caller)).toMatch(/stale=true/);
  });

  it('refuses a wrong password (403) and a nonce Masq never made (401)', async () => {
    const s = await st.session();
    const wrong = await st.call({ uac: 'uac-auth-expect-403.xml', uas: 'uas-answer.xml', uasTimeoutS: 2, caller: s.a, to: s.v, uacArgs: authArgs('not-the-password') });
    passed(wrong.caller, 'wrong password');
    expect(wrong.callee?.messages ?? '').not.toContain('INVITE');
    const forged = `Digest username="${USER}", realm="${REALM}", nonce="made-up-nonce", uri="sip:x@y", response="${md5('x')}", algorithm=MD5`;
    const made = await st.call({ uac: 'uac-given-auth-expect-401.xml', caller: s.a, to: s.v, uacKeys: { auth: forged } });
    passed(made.caller, 'forged nonce');
  });
});
