/**
 * Request-a-call through a real drachtio-server, without a media server: the
 * API asks, Masq rings the first party (INVITE without SDP) from the proxy
 * number it sees, holds it, rings the second from the proxy number it sees,
 * and completes the first leg with the second's answer (re-INVITE). One sipp
 * far end plays both parties here, each answer carrying its own number in every
 * header and SDP line it can; neither party may see the other's.
 */
import { describe, expect, it } from 'vitest';
import { callResponse } from '../../src/http/call-responses.js';
import { byParty } from '../helpers/far-end.js';
import { digits, drachtioBin, sleep, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';

warnIfNoDrachtio('request-a-call');

describe.skipIf(!drachtioBin)('request-a-call (no media server: third-party call control)', () => {
  const st = useSipStack({ env: { MASQ_LOG_LEVEL: 'debug' } });

  it('rings the first party, then the second, connects them, and ends at the call time limit with one complete record', async () => {
    const s = await st.session({ callTimeLimitSeconds: 3 });
    const session = (await st.t.api('GET', `/v1/sessions/${s.id}`)).body;
    const far = await st.startFarEnd('uas-requested-legs.xml', 2, 30);
    const r = await st.t.api('POST', `/v1/sessions/${s.id}/calls`, { to: 'firstParty' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(callResponse.safeParse(r.body).success, JSON.stringify(r.body)).toBe(true);
    expect(r.body).toMatchObject({ sessionId: s.id, direction: 'request-a-call', firstLeg: 'firstParty', failedLeg: null, virtualNumber: session.firstParty.proxyNumber });
    expect(r.headers.get('location')).toBe(`/v1/calls/${r.body.id as string}`);

    const call = await st.finishedCall(s.id, 20_000);
    expect(call).toMatchObject({ id: r.body.id, state: 'completed', direction: 'request-a-call', hungUpBy: 'masq', endReason: 'time-limit', sipStatus: 200, firstLeg: 'firstParty', failedLeg: null });
    expect(call.answeredAt).not.toBeNull();
    const farEnd = await far.done;
    expect(farEnd?.code, farEnd?.errors).toBe(0);

    const seen = byParty(farEnd, [s.a, s.b]);
    const [toFirst, toSecond] = [seen.get(s.a) ?? [], seen.get(s.b) ?? []];
    const invites = (ms: string[]) => ms.filter((m) => /^INVITE sip:/m.test(m));
    const [inviteA = '', reinviteA = ''] = invites(toFirst);
    const [inviteB = ''] = invites(toSecond);
    // Each leg is placed from the proxy number its party sees; the first without SDP, the second with the first's offer.
    expect(inviteA).toMatch(new RegExp(`^From:.*${digits(session.firstParty.proxyNumber)}`, 'm'));
    expect(inviteA).toMatch(/^Content-Length:\s*0/m);
    expect(inviteB).toMatch(new RegExp(`^From:.*${digits(session.secondParty.proxyNumber)}`, 'm'));
    expect(inviteB).toMatch(/^m=audio \d+ RTP\/AVP/m);
    // The first leg's offer/answer is completed with the second's: a re-INVITE carrying its answer.
    expect(reinviteA).toMatch(/^m=audio \d+ RTP\/AVP/m);
    expect(reinviteA).not.toMatch(/^a=inactive/m);
    // Meanwhile it waited on hold: its 200 OK was acknowledged with an inactive answer.
    expect(toFirst.find((m) => /^ACK sip:/m.test(m) && /^m=audio/m.test(m))).toMatch(/^a=inactive/m);
    // Neither party saw the other's number, in any header or SDP, in either leg's messages.
    for (const m of toFirst) expect(m).not.toContain(digits(s.b));
    for (const m of toSecond) expect(m).not.toContain(digits(s.a));
    // Both legs were hung up by Masq.
    expect(toFirst.some((m) => /^BYE sip:/m.test(m))).toBe(true);
    expect(toSecond.some((m) => /^BYE sip:/m.test(m))).toBe(true);
    // Counted in the session's stats like any call.
    const after = (await st.t.api('GET', `/v1/sessions/${s.id}`)).body;
    expect(after.stats.callCount).toBe(1);
  }, 40_000);

  it('refuses a second request-a-call while one is in progress (409), then takes one once it has ended', async () => {
    const s = await st.session({ callTimeLimitSeconds: 2 });
    const far = await st.startFarEnd('uas-requested-legs.xml', 4, 30);
    const first = await st.t.api('POST', `/v1/sessions/${s.id}/calls`, { to: 'secondParty' });
    expect(first.status).toBe(202);
    const again = await st.t.api('POST', `/v1/sessions/${s.id}/calls`, { to: 'firstParty' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'call_in_progress' } });
    const ended = await st.finishedCall(s.id, 20_000);
    expect(ended).toMatchObject({ id: first.body.id, firstLeg: 'secondParty', endReason: 'time-limit' });
    const next = await st.t.api('POST', `/v1/sessions/${s.id}/calls`, { to: 'firstParty' });
    expect(next.status, JSON.stringify(next.body)).toBe(202);
    await until('the second call to end', async () => ((await st.calls(s.id)).filter((c) => c.endedAt !== null).length === 2 ? true : undefined), 20_000);
    expect((await far.done)?.code).toBe(0);
  }, 60_000);

  it('creates a session that rings its first party at once (initiateCallToFirstParty)', async () => {
    const far = await st.startFarEnd('uas-requested-legs.xml', 2, 30);
    const s = await st.session({ initiateCallToFirstParty: true, callTimeLimitSeconds: 1 });
    const calls = await st.calls(s.id);
    expect(calls[0]).toMatchObject({ direction: 'request-a-call', firstLeg: 'firstParty' });
    expect(await st.finishedCall(s.id, 20_000)).toMatchObject({ state: 'completed', endReason: 'time-limit' });
    expect((await far.done)?.code).toBe(0);
  }, 40_000);

  it('answers bad requests with the standard error and rings nobody: unknown 404, closed 410, bad `to` 400', async () => {
    expect((await st.t.api('POST', '/v1/sessions/S00000000000000000000000/calls', { to: 'firstParty' })).status).toBe(404);
    const s = await st.session();
    const bad = await st.t.api('POST', `/v1/sessions/${s.id}/calls`, { to: 'thirdParty' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('to');
    expect((await st.t.api('DELETE', `/v1/sessions/${s.id}`)).status).toBeLessThan(300);
    const closed = await st.t.api('POST', `/v1/sessions/${s.id}/calls`, { to: 'firstParty' });
    expect(closed.status).toBe(410);
    expect(closed.body).toMatchObject({ error: { code: 'session_closed' } });
    await sleep(300);
    expect(await st.calls(s.id)).toEqual([]);
  });
  it('a first party that is busy fails the first leg: nobody else is rung, call.failed says which leg and why', async () => {
    const s = await st.session();
    const far = await st.startFarEnd('uas-busy.xml', 1, 20);
    expect((await st.t.api('POST', `/v1/sessions/${s.id}/calls`, { to: 'firstParty' })).status).toBe(202);
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'failed', endReason: 'callee-rejected', sipStatus: 486, hungUpBy: 'caller', failedLeg: 'first', answeredAt: null });
    expect((await far.done)?.code).toBe(0);
    const failed = (await st.t.api('GET', `/v1/events?sessionId=${s.id}`)).body.items.find((e: { type: string }) => e.type === 'call.failed');
    expect(failed.call).toMatchObject({ direction: 'request-a-call', firstLeg: 'firstParty', failedLeg: 'first', endReason: 'callee-rejected' });
  });

  it('a first party that does not answer is cancelled at the ring timeout: a ring-timeout of the first leg', async () => {
    const s = await st.session({ ringTimeoutSeconds: 2 });
    const far = await st.startFarEnd('uas-ring-until-cancel.xml', 1, 20);
    expect((await st.t.api('POST', `/v1/sessions/${s.id}/calls`, { to: 'secondParty' })).status).toBe(202);
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'failed', endReason: 'ring-timeout', sipStatus: 480, hungUpBy: 'masq', failedLeg: 'first', firstLeg: 'secondParty' });
    expect((await far.done)?.code).toBe(0);
  });
});
