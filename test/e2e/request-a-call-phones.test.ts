/**
 * Request-a-call between two sip.js phones, one per party, each with its own
 * behaviour: who answers, who refuses, who hangs up and when. Masq places both
 * legs (no media server here: third-party call control). Each test checks the
 * one record the call leaves and what each phone saw; no phone may see the other
 * party's number in any message, headers or SDP.
 */
import { describe, expect, it } from 'vitest';
import { digits, drachtioBin, sleep, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';
import { summary, type SipMessage } from '../helpers/phones/sip-message.js';

warnIfNoDrachtio('request-a-call with sip.js phones');

const received = (ms: readonly SipMessage[], method: string) => ms.filter((m) => m.dir === 'received' && m.status === undefined && m.method === method);

describe.skipIf(!drachtioBin)('request-a-call between sip.js phones', () => {
  const st = useSipStack({ phones: true });

  /** A session and a phone for each party; the first rung is the first party. */
  async function setUp(first: Parameters<typeof st.phones.phone>[1], second: Parameters<typeof st.phones.phone>[1], extra: Record<string, unknown> = {}) {
    const s = await st.session(extra);
    const session = (await st.t.api('GET', `/v1/sessions/${s.id}`)).body;
    const a = await st.phones.phone(s.a, first);
    const b = await st.phones.phone(s.b, second);
    const r = await st.t.api('POST', `/v1/sessions/${s.id}/calls`, { to: 'firstParty' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    return { s, session, a, b, callId: r.body.id as string };
  }

  /** Neither phone saw the other party's number anywhere; each saw only the proxy number it is given. */
  function private_(s: { a: string; b: string }, a: { messages(): SipMessage[] }, b: { messages(): SipMessage[] }) {
    for (const m of a.messages()) expect(m.raw, summary([m])).not.toContain(digits(s.b));
    for (const m of b.messages()) expect(m.raw, summary([m])).not.toContain(digits(s.a));
  }

  it('both answer: the first party is rung from its proxy number, then the second from its own, and they are connected', async () => {
    const { s, session, a, b } = await setUp({ answerAfterMs: 200 }, { answerAfterMs: 300, hangUpAfterMs: 800 });
    const first = await a.nextCall();
    const second = await b.nextCall();
    await second.waitFor('ended', 10_000);
    await first.waitFor('ended', 5000);
    expect(first.result).toEqual({ by: 'remote', how: 'bye' });
    const call = await st.finishedCall(s.id);
    expect(call).toMatchObject({ state: 'completed', direction: 'request-a-call', hungUpBy: 'callee', endReason: 'callee-hangup', firstLeg: 'firstParty', failedLeg: null });
    const inviteTo = (p: { messages(): SipMessage[] }) => received(p.messages(), 'INVITE')[0]?.raw ?? '';
    expect(inviteTo(a)).toMatch(new RegExp(`^From:.*${digits(session.firstParty.proxyNumber)}`, 'm'));
    expect(inviteTo(b)).toMatch(new RegExp(`^From:.*${digits(session.secondParty.proxyNumber)}`, 'm'));
    // The first party's session was completed with the second's answer (a re-INVITE after the hold).
    expect(received(a.messages(), 'INVITE').length, summary(a.messages())).toBe(2);
    private_(s, a, b);
  });

  it('the second party busy: the first is hung up with the reason, call.failed says the second leg', async () => {
    const { s, a, b } = await setUp({ answerAfterMs: 100 }, { rejectWith: 486, rejectAfterMs: 200 });
    const first = await a.nextCall();
    await first.waitFor('ended', 10_000);
    const bye = received(a.messages(), 'BYE')[0]?.raw ?? '';
    expect(bye).toMatch(/^Reason: SIP;cause=486/m);
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'failed', endReason: 'callee-rejected', sipStatus: 486, hungUpBy: 'callee', failedLeg: 'second', answeredAt: null });
    expect(b.calls).toHaveLength(1);
    private_(s, a, b);
  });

  it('the second party does not answer: cancelled at the ring timeout, the first hung up, a ring-timeout of the second leg', async () => {
    const { s, a, b } = await setUp({ answerAfterMs: 100 }, {}, { ringTimeoutSeconds: 2 });
    const second = await b.nextCall();
    await second.waitFor('ended', 10_000);
    expect(second.result).toEqual({ by: 'remote', how: 'cancel' });
    await a.calls[0]?.waitFor('ended', 5000);
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'failed', endReason: 'ring-timeout', sipStatus: 480, hungUpBy: 'masq', failedLeg: 'second' });
  });

  it('the first party hangs up while the second rings: the second is cancelled, one record', async () => {
    const { s, a, b } = await setUp({ answerAfterMs: 100 }, {});
    const first = await a.nextCall();
    const second = await b.nextCall();
    await second.waitFor('ringing');
    await until('the first party to be held', () => received(a.messages(), 'ACK').length > 0);
    await sleep(200);
    await first.hangUp();
    await second.waitFor('ended', 5000);
    expect(second.result).toEqual({ by: 'remote', how: 'cancel' });
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'failed', endReason: 'caller-hangup', hungUpBy: 'caller', failedLeg: null, answeredAt: null });
  });

  it('the first party does not answer: nobody else is rung', async () => {
    const { s, b } = await setUp({ rejectWith: 603, rejectAfterMs: 100 }, { answerAfterMs: 100 });
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'failed', endReason: 'callee-rejected', sipStatus: 603, hungUpBy: 'caller', failedLeg: 'first' });
    await sleep(300);
    expect(b.calls).toHaveLength(0);
  });

  it('the second party hangs up first after the bridge; a hold by the first party meanwhile reaches the second', async () => {
    const { s, a, b } = await setUp({ answerAfterMs: 100 }, { answerAfterMs: 100 });
    const first = await a.nextCall();
    const second = await b.nextCall();
    await second.waitFor('answered');
    await until('the first leg to be completed', () => received(a.messages(), 'INVITE').length === 2);
    await sleep(300);
    expect(await first.hold()).toBe(200);
    expect(second.remoteDirection(), summary(b.messages())).toBe('sendonly');
    await second.hangUp();
    await first.waitFor('ended', 5000);
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', endReason: 'callee-hangup', hungUpBy: 'callee', sipStatus: 200 });
    private_(s, a, b);
  });
  it('the first party hangs up after the bridge: the second gets the BYE, the record says the caller', async () => {
    const { s, a, b } = await setUp({ answerAfterMs: 100 }, { answerAfterMs: 100 });
    const first = await a.nextCall();
    const second = await b.nextCall();
    await second.waitFor('answered');
    await until('the first leg to be completed', () => received(a.messages(), 'INVITE').length === 2);
    await first.hangUp();
    await second.waitFor('ended', 5000);
    expect(second.result).toEqual({ by: 'remote', how: 'bye' });
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', endReason: 'caller-hangup', hungUpBy: 'caller', sipStatus: 200, failedLeg: null });
    private_(s, a, b);
  });
});
