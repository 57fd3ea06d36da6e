/**
 * Masked calls between programmable sip.js phones (test/helpers/phones) on
 * drachtio-server's WebSocket transport, for the cases where timing matters: who
 * hangs up and when, a hold and a resume in the middle of a call, DTMF. Each
 * phone keeps every message it sent and received, so privacy is checked on all
 * of them, headers and SDP alike; each test also checks the call record.
 */
import { describe, expect, it } from 'vitest';
import { digits, drachtioBin, sleep, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';
import { header, summary, type SipMessage } from '../helpers/phones/sip-message.js';

warnIfNoDrachtio('sip.js phones');

/** The test numbers (all 555 exchanges) that appear anywhere in these messages. */
function numbersIn(ms: readonly SipMessage[]): string[] {
  const found = ms.flatMap((m) => m.raw.match(/(?<!\d)\+?1\d{3}555\d{4}(?!\d)/g) ?? []);
  return [...new Set(found.map(digits))].sort();
}

const received = (ms: readonly SipMessage[], method: string) => ms.filter((m) => m.dir === 'received' && m.status === undefined && m.method === method);

describe.skipIf(!drachtioBin)('masked calls between sip.js phones', () => {
  const st = useSipStack({ phones: true });

  it('the callee hangs up first: both legs end, the record says the callee', async () => {
    const s = await st.session();
    const alice = await st.phones.phone(s.a);
    const bob = await st.phones.phone(s.b, { answerAfterMs: 200 });
    const out = alice.call(s.v);
    const inc = await bob.nextCall();
    await out.waitFor('answered');
    await inc.waitFor('answered');
    await sleep(300);
    await inc.hangUp();
    await out.waitFor('ended', 5000);
    expect(out.result, summary(alice.messages())).toEqual({ by: 'remote', how: 'bye' });
    expect(received(alice.messages(), 'BYE')).toHaveLength(1);
    const c = await st.finishedCall(s.id);
    expect(c).toMatchObject({ state: 'completed', sipStatus: 200, hungUpBy: 'callee', endReason: 'callee-hangup', direction: 'first-to-second', virtualNumber: s.v });
    expect(c.answeredAt).not.toBeNull();
  });

  it('the caller hangs up while the callee rings: the callee gets the CANCEL', async () => {
    const s = await st.session();
    const alice = await st.phones.phone(s.a);
    const bob = await st.phones.phone(s.b); // rings, never answers
    const out = alice.call(s.v);
    const inc = await bob.nextCall();
    await inc.waitFor('ringing');
    // The 180 reaches the caller (sip.js itself ignores it: see the known gap below).
    await until('the caller to hear the 180', () => alice.messages().some((m) => m.dir === 'received' && m.status === 180));
    await sleep(400);
    await out.hangUp();
    await inc.waitFor('ended', 5000);
    expect(inc.result, summary(bob.messages())).toEqual({ by: 'remote', how: 'cancel' });
    expect(received(bob.messages(), 'CANCEL')).toHaveLength(1);
    expect(bob.messages().some((m) => m.dir === 'sent' && m.status === 487)).toBe(true);
    expect(alice.messages().some((m) => m.dir === 'received' && m.status === 487), summary(alice.messages())).toBe(true);
    const c = await st.finishedCall(s.id);
    expect(c).toMatchObject({ state: 'failed', sipStatus: 487, hungUpBy: 'caller', endReason: 'caller-cancel', answeredAt: null });
    expect(c.ringingAt).not.toBeNull();
  });

  // Known gap: the relayed 180 carries no Contact, which RFC 3261 §12.1.1 requires
  // of a response that creates an (early) dialog; sip.js drops it ("Non-100 1xx
  // INVITE response received without a Contact header field"), so such a phone
  // never shows ringing. sipp does not mind. This test passes while the gap is
  // there and fails once the 180 carries a Contact: then drop `.fails`.
  it.fails('the caller\'s phone sees the relayed 180 as ringing (needs a Contact in the 180)', async () => {
    const s = await st.session();
    const alice = await st.phones.phone(s.a);
    const bob = await st.phones.phone(s.b);
    const out = alice.call(s.v);
    const inc = await bob.nextCall();
    await inc.waitFor('ringing');
    try {
      const ringing = alice.messages().find((m) => m.dir === 'received' && m.status === 180);
      expect(ringing && header(ringing, 'Contact')).toBeDefined();
      await out.waitFor('ringing', 2000);
    } finally {
      await out.hangUp();
      await inc.waitFor('ended', 5000);
    }
  });

  it('hold and resume by the caller mid-call reach the callee with filtered SDP, both answered', async () => {
    const s = await st.session();
    const alice = await st.phones.phone(s.a);
    const bob = await st.phones.phone(s.b, { answerAfterMs: 100 });
    const out = alice.call(s.v);
    const inc = await bob.nextCall();
    await out.waitFor('answered');
    await inc.waitFor('answered');

    expect(await out.hold()).toBe(200);
    expect(inc.remoteDirection(), `what the callee was offered:\n${summary(alice.messages())}\n--\n${summary(bob.messages())}`).toBe('sendonly');
    expect(out.remoteDirection(), 'what the callee answered').toBe('recvonly');
    expect(await out.resume()).toBe(200);
    expect(inc.remoteDirection()).toBe('sendrecv');
    expect(out.remoteDirection()).toBe('sendrecv');

    const invites = received(bob.messages(), 'INVITE');
    expect(invites, summary(bob.messages())).toHaveLength(3);
    const [, hold, resume] = invites;
    for (const m of [hold, resume]) {
      expect(header(m as SipMessage, 'Content-Type')).toBe('application/sdp');
      // The caller's SDP names the caller (o=, s=, cname, a=tool): none of it crosses.
      expect(m?.body).not.toContain(digits(s.a));
      expect(m?.body).not.toContain('a=tool:');
      expect(m?.body).toMatch(/^m=audio \d+ RTP\/AVP 0 101/m);
    }
    expect(hold?.body).toMatch(/^a=sendonly/m);
    expect(resume?.body).toMatch(/^a=sendrecv/m);
    // Every re-INVITE got its 200 on both legs.
    expect(bob.messages().filter((m) => m.dir === 'sent' && m.method === 'INVITE' && m.status === 200)).toHaveLength(3);
    expect(alice.messages().filter((m) => m.dir === 'received' && m.method === 'INVITE' && m.status === 200)).toHaveLength(3);

    await out.hangUp();
    await inc.waitFor('ended', 5000);
    expect(inc.result).toEqual({ by: 'remote', how: 'bye' });
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', hungUpBy: 'caller', endReason: 'caller-hangup' });
  });

  // drachtio-srf handles a re-INVITE or BYE inside a dialog the moment it arrives;
  // Masq holds the caller's dialog's requests until its handlers are wired. Sent
  // right behind the ACK, they hit that window in about one call in three without
  // the hold: five calls each way make a miss very likely to show.
  it('a hold or a hang-up sent the moment the call connects still reaches the callee', async () => {
    for (let i = 0; i < 10; i++) {
      const s = await st.session();
      const alice = await st.phones.phone(s.a);
      const bob = await st.phones.phone(s.b, { answerAfterMs: 0 });
      const out = alice.call(s.v);
      const inc = await bob.nextCall();
      await out.waitFor('answered');
      if (i % 2 === 0) {
        expect(await out.hold()).toBe(200);
        expect(inc.remoteDirection(), `call ${i}:\n${summary(bob.messages())}`).toBe('sendonly');
        expect(out.remoteDirection()).toBe('recvonly');
      }
      await out.hangUp();
      await inc.waitFor('ended', 5000);
      expect(inc.result, `call ${i}:\n${summary(bob.messages())}`).toEqual({ by: 'remote', how: 'bye' });
      expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', hungUpBy: 'caller', endReason: 'caller-hangup' });
    }
  });

  it('DTMF by INFO is relayed both ways', async () => {
    const s = await st.session();
    const alice = await st.phones.phone(s.a);
    const bob = await st.phones.phone(s.b, { answerAfterMs: 100 });
    const out = alice.call(s.v);
    const inc = await bob.nextCall();
    await out.waitFor('answered');
    await inc.waitFor('answered');

    expect(await out.dtmf('5')).toBe(200);
    expect(await out.dtmf('#', 250)).toBe(200);
    expect(await inc.dtmf('9')).toBe(200);
    expect(inc.infos).toEqual([
      { contentType: 'application/dtmf-relay', body: 'Signal=5\r\nDuration=160\r\n' },
      { contentType: 'application/dtmf-relay', body: 'Signal=#\r\nDuration=250\r\n' },
    ]);
    expect(out.infos).toEqual([{ contentType: 'application/dtmf-relay', body: 'Signal=9\r\nDuration=160\r\n' }]);

    await out.hangUp();
    await inc.waitFor('ended', 5000);
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', sipStatus: 200, hungUpBy: 'caller' });
  });

  it('neither phone sees the other real number in any message, headers or SDP; each sees the virtual number', async () => {
    const s = await st.session();
    const alice = await st.phones.phone(s.a);
    const bob = await st.phones.phone(s.b, { answerAfterMs: 200 });
    const out = alice.call(s.v);
    const inc = await bob.nextCall();
    await out.waitFor('answered');
    // Something of everything: a hold each way, DTMF each way, the callee's BYE.
    expect(await out.hold()).toBe(200);
    expect(await out.resume()).toBe(200);
    expect(await inc.hold('inactive')).toBe(200);
    expect(await inc.resume()).toBe(200);
    expect(await out.dtmf('1')).toBe(200);
    expect(await inc.dtmf('2')).toBe(200);
    await inc.hangUp();
    await out.waitFor('ended', 5000);

    const [a, b, v] = [s.a, s.b, s.v].map(digits);
    expect(numbersIn(alice.messages()), summary(alice.messages())).toEqual([a, v].sort());
    expect(numbersIn(bob.messages()), summary(bob.messages())).toEqual([b, v].sort());
    // What each received: only the virtual number, never their own either (the other side's From/To echo aside).
    const fromBob = alice.messages().filter((m) => m.dir === 'received');
    const toBob = bob.messages().filter((m) => m.dir === 'received');
    expect(fromBob.map((m) => m.raw).join('\n')).not.toContain(b);
    expect(toBob.map((m) => m.raw).join('\n')).not.toContain(a);
    // The callee is called from the virtual number, the caller's dialog is with it.
    const invite = received(bob.messages(), 'INVITE')[0] as SipMessage;
    expect(header(invite, 'From')).toContain(s.v);
    expect(invite.startLine).toContain(`sip:${s.b}@`);
    expect(received(bob.messages(), 'INVITE').every((m) => m.body.includes('m=audio'))).toBe(true);
    expect(numbersIn(received(bob.messages(), 'INVITE').map((m) => ({ ...m, raw: m.body })))).toEqual([]);
    expect(numbersIn(fromBob.map((m) => ({ ...m, raw: m.body })))).toEqual([]);

    const c = await st.finishedCall(s.id);
    expect(c).toMatchObject({ state: 'completed', hungUpBy: 'callee', virtualNumber: s.v });
    expect(st.phones.unrouted).toEqual([]);
  });
});
