/**
 * Every path by which SDP or identity could cross between the legs, with a
 * caller and a callee that plant their numbers everywhere they can (headers,
 * SDP o=/s=/i=/u=/e=/p=, a=tool, a=ssrc cname, msid, label, Reason texts, INFO
 * and MESSAGE bodies). Each test checks both directions.
 */
import { describe, expect, it } from 'vitest';
import { digits, passed, received, useSipStack, warnIfNoDrachtio, drachtioBin, receivedAll } from '../helpers/sip-stack.js';

warnIfNoDrachtio('privacy paths');

/** Asserts neither party saw the other's number anywhere in what it exchanged with Masq. */
function noCrossing(s: { a: string; b: string }, caller: { messages: string } | undefined, callee: { messages: string } | undefined): void {
  expect(callee?.messages ?? '', 'the callee saw the caller’s number').not.toContain(digits(s.a));
  expect(caller?.messages ?? '', 'the caller saw the callee’s number').not.toContain(digits(s.b));
}

describe.skipIf(!drachtioBin)('privacy on every path between the legs', () => {
  const st = useSipStack({ env: { MASQ_LOG_LEVEL: 'debug' } });

  it('late offer: the caller’s answer arrives in its ACK and reaches the callee filtered', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-late-offer-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const ack = receivedAll(callee, /^ACK sip:/m)[0] ?? '';
    expect(ack).toMatch(/^m=audio \d+ RTP\/AVP 0 101/m);
    expect(ack).toMatch(/^a=ssrc:11223344 cname:[A-Za-z0-9_-]{16}$/m);
    expect(ack).not.toMatch(/^a=tool/m);
    noCrossing(s, caller, callee);
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', hungUpBy: 'caller' });
  });

  it('early media: the callee’s 183 SDP reaches the caller filtered', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-masked-call-expect-200.xml', uas: 'uas-early-media-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const early = receivedAll(caller, /^SIP\/2\.0 183/m)[0] ?? '';
    expect(early).toMatch(/^m=audio/m);
    expect(early).toMatch(/^Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, PRACK/m);
    noCrossing(s, caller, callee);
  });

  it('the softphone’s ssrc cname, msid and tool never cross; the callee gets Masq’s Allow, not the caller’s', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-masked-call-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const invite = received(callee);
    expect(invite).toMatch(/^a=ssrc:11223344 cname:[A-Za-z0-9_-]{16}$/m);
    expect(invite).toMatch(/^Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, PRACK\r?$/m);
    expect(invite).not.toMatch(/REFER|MESSAGE|SUBSCRIBE|NOTIFY/);
    expect(invite).not.toMatch(/^(P-Asserted-Identity|Remote-Party-ID|Diversion|History-Info|Referred-By|Call-Info|User-Agent|Subject|Privacy):/im);
    // Masq's own Supported (session timers), not the caller's (replaces).
    expect(invite).toMatch(/^Supported: timer\r?$/m);
    noCrossing(s, caller, callee);
  });

  it('re-INVITE with SDP from the callee reaches the caller filtered; the caller’s answer goes back filtered', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-accept-reinvite-expect-200.xml', uas: 'uas-answer-then-reinvite.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const reinvite = receivedAll(caller, /^INVITE sip:/m);
    expect(reinvite).toHaveLength(1);
    expect(reinvite[0]).toContain('a=sendonly');
    const ok = receivedAll(callee, /^SIP\/2\.0 200/m, /CSeq: 1 INVITE/);
    expect(ok[0]).toMatch(/^m=audio/m);
    noCrossing(s, caller, callee);
  });

  it('re-INVITE without SDP from the caller: the callee’s offer comes back in the 200, the caller’s answer reaches it in the ACK', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-reinvite-nosdp-expect-200.xml', uas: 'uas-answer-reinvite-nosdp.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const calleeGot = receivedAll(callee);
    const reinvite = calleeGot.filter((m) => /^INVITE sip:/m.test(m))[1] ?? '';
    expect(reinvite).toMatch(/Content-Length: 0/i);
    const acks = calleeGot.filter((m) => /^ACK sip:/m.test(m));
    expect(acks[1]).toMatch(/^m=audio/m);
    const callerOffer = receivedAll(caller, /^SIP\/2\.0 200/m, /CSeq: 2 INVITE/);
    expect(callerOffer[0]).toMatch(/^m=audio/m);
    noCrossing(s, caller, callee);
  });

  it('re-INVITE without SDP from the callee: the caller offers in its 200, the callee answers in its ACK', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-accept-reinvite-expect-200.xml', uas: 'uas-answer-then-reinvite-nosdp.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const callerGot = receivedAll(caller);
    expect(callerGot.find((m) => /^INVITE sip:/m.test(m))).toMatch(/Content-Length: 0/i);
    expect(callerGot.filter((m) => /^ACK sip:/m.test(m))[0]).toMatch(/^m=audio/m);
    const calleeGot = receivedAll(callee, /^SIP\/2\.0 200/m, /CSeq: 1 INVITE/);
    expect(calleeGot[0]).toMatch(/^m=audio/m);
    noCrossing(s, caller, callee);
  });

  it('OPTIONS, MESSAGE, vendor INFO and REFER stay with Masq; the transfer is recorded; BYE crosses with its cause only', async () => {
    const s = await st.session();
    // The trunk's Call-ID carries the caller's number (seen in the wild): it must reach no log line raw.
    const { caller, callee } = await st.call({ uac: 'uac-indialog-refusals-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v, uacArgs: ['-cid_str', `${s.a}-%u-%p@%s`] });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const calleeGot = received(callee);
    expect(calleeGot).not.toMatch(/^(OPTIONS|MESSAGE|INFO|REFER) sip:/m);
    const bye = receivedAll(callee, /^BYE sip:/m)[0] ?? '';
    expect(bye).toMatch(/^Reason: SIP;cause=200\r?$/m);
    noCrossing(s, caller, callee);
    const c = await st.finishedCall(s.id);
    expect(c).toMatchObject({ state: 'completed', hungUpBy: 'caller', refusedTransfers: 1 });
  });

  it('a CANCEL’s Reason reaches the callee with its cause only', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-cancel-expect-487.xml', uas: 'uas-ring-until-cancel.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const cancel = receivedAll(callee, /^CANCEL sip:/m)[0] ?? '';
    expect(cancel).toMatch(/^Reason: SIP;cause=200\r?$/m);
    noCrossing(s, caller, callee);
  });

  it('routes on the URI, never on a display name: a stranger posing as a participant is refused 403', async () => {
    const s = await st.session();
    const stranger = st.number('+13035550177');
    const { caller, callee } = await st.call({ uac: 'uac-spoofed-display-expect-403.xml', uas: 'uas-answer.xml', uasTimeoutS: 3, caller: stranger, to: s.v, uacKeys: { spoof: s.a } });
    passed(caller, 'caller');
    expect(callee?.messages ?? '').not.toContain('INVITE');
    expect(await st.calls(s.id)).toEqual([]);
  });

  it('an anonymous caller asserted by the trunk (PAI + Privacy: id) is routed, and neither PAI nor Privacy crosses', async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-anonymous-pai-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const invite = receivedAll(callee, /^INVITE sip:/m)[0] ?? '';
    expect(invite).toMatch(new RegExp(`^From: <sip:\\${s.v}@`, 'm'));
    expect(invite).not.toMatch(/^(Privacy|P-Asserted-Identity):/im);
    noCrossing(s, caller, callee);
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', direction: 'first-to-second' });
  });
});
