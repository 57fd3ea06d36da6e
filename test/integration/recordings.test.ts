/**
 * Recording outcomes, as the media layer will report them: written onto the call
 * record and emitted as recording.ready / recording.failed in one atomic step,
 * once per recording however often it is settled, and delivered signed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/webhooks/signing.js';
import { newSessionId } from '../../src/masking/ids.js';
import { useApp } from '../helpers/app.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

const SECRET = 'whsec-0123456789abcdef';
const ctx = useApp({
  env: { MASQ_WEBHOOK_ENABLED: 'true', MASQ_WEBHOOK_SECRET: SECRET, MASQ_WEBHOOK_RETRY_BASE_MS: '50', MASQ_WEBHOOK_RETRY_MAX_MS: '200' },
});
const VN = '+15035550100';
let recv: Receiver;
let n = 0;

beforeAll(async () => {
  recv = await startReceiver();
  await ctx.t.api('POST', '/v1/pools', { id: 'rec' });
  await ctx.t.api('POST', '/v1/pools/rec/numbers', { numbers: [VN] });
});
afterAll(async () => {
  await recv?.stop();
});

/** A session with a callback URL and one answered, completed call, written as the SIP layer writes it. */
async function completedCall(path: string) {
  n++;
  const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'rec', firstParty: `+1415555${5000 + n}`, secondParty: `+1212555${5000 + n}`, record: true, callbackUrl: recv.url(path), clientReference: `ride-${n}` });
  expect(s.status).toBe(201);
  const calls = ctx.t.store().calls;
  const callId = newSessionId();
  const at = Date.now() - 60_000;
  await calls.start({ id: callId, sessionId: s.body.id, direction: 'first-to-second', virtualNumber: VN, startedAt: at }, 'call.initiated');
  await calls.update(callId, s.body.id, { ringingAt: at + 500 }, 'call.ringing');
  await calls.update(callId, s.body.id, { state: 'answered', answeredAt: at + 2000 }, 'call.answered');
  await calls.update(callId, s.body.id, { state: 'completed', endedAt: at + 44_000, durationSeconds: 42, sipStatus: 200, hungUpBy: 'callee', endReason: 'callee-hangup' }, 'call.completed');
  return { sessionId: s.body.id as string, callId };
}

async function eventsOf(sessionId: string): Promise<Record<string, any>[]> {
  return ((await ctx.t.api('GET', `/v1/events?sessionId=${sessionId}`)).body.items as Record<string, any>[]).reverse();
}

describe('recording outcomes', () => {
  it('writes recording.ready with the call and the recording, delivers it signed, and shows it on the call', async () => {
    const { sessionId, callId } = await completedCall('/ready');
    const before = await ctx.db.xlen('masq:events');
    const r = await ctx.t.store().recordings.settle({ callId, status: 'ready', recordingId: 'rec-0001', url: 'https://media.example/rec-0001.wav', durationSeconds: 41.6 });
    expect(r).toMatchObject({ settled: true, status: 'ready' });
    expect(r.eventId).toMatch(/^\d+-\d+$/);
    expect(await ctx.db.xlen('masq:events')).toBe(before + 1);

    const logged = await eventsOf(sessionId);
    expect(logged.map((e) => e.type)).toEqual(['session.created', 'call.initiated', 'call.ringing', 'call.answered', 'call.completed', 'recording.ready']);
    const ev = logged[logged.length - 1] as Record<string, any>;
    expect(ev).toMatchObject({
      id: r.eventId,
      sessionId,
      clientReference: `ride-${n}`,
      call: { id: callId, state: 'completed', durationSeconds: 42, sipStatus: 200, hungUpBy: 'callee', virtualNumber: VN },
      recording: { id: 'rec-0001', status: 'ready', url: 'https://media.example/rec-0001.wav', durationSeconds: 42, reason: null },
    });

    const got = await recv.waitFor('/ready', 6);
    const delivered = got[5] as (typeof got)[number];
    expect(delivered.json).toEqual(ev);
    expect(delivered.headers['masq-event-type']).toBe('recording.ready');
    expect(verifySignature(String(delivered.headers['masq-signature']), delivered.body, SECRET)).toBe(true);
    expect(verifySignature(String(delivered.headers['masq-signature']), delivered.body.replace('rec-0001', 'rec-0002'), SECRET)).toBe(false);

    const call = await ctx.t.api('GET', `/v1/calls/${callId}`);
    expect(call.body.recording).toEqual({ id: 'rec-0001', status: 'ready', url: 'https://media.example/rec-0001.wav', durationSeconds: 42, reason: null });
    const listed = await ctx.t.api('GET', `/v1/sessions/${sessionId}/calls`);
    expect(listed.body.items[0].recording).toMatchObject({ id: 'rec-0001', status: 'ready' });
  });

  it('emits once however often, and however concurrently, a recording is settled', async () => {
    const { sessionId, callId } = await completedCall('/twice');
    const outcome = { callId, status: 'ready' as const, recordingId: 'rec-0002', url: 'https://media.example/rec-0002.wav', durationSeconds: 10 };
    const results = await Promise.all([1, 2, 3].map(() => ctx.t.store().recordings.settle(outcome)));
    expect(results.filter((r) => r.settled)).toHaveLength(1);
    const again = await ctx.t.store().recordings.settle({ ...outcome, status: 'failed', reason: 'late retry' });
    expect(again).toEqual({ settled: false, status: 'ready', eventId: null });

    const types = (await eventsOf(sessionId)).map((e) => e.type);
    expect(types.filter((t) => t.startsWith('recording.'))).toEqual(['recording.ready']);
    expect((await ctx.t.api('GET', `/v1/calls/${callId}`)).body.recording).toMatchObject({ status: 'ready', reason: null });

    // Another recording id for a settled call is a conflict, not a silent overwrite.
    await expect(ctx.t.store().recordings.settle({ ...outcome, recordingId: 'rec-9999' })).rejects.toMatchObject({ code: 'recording_conflict', httpStatus: 409 });
    await recv.waitFor('/twice', 6);
    // Every event of the session delivered: its delivery queue is gone, nothing more can follow.
    for (let i = 0; i < 200 && (await ctx.db.exists(`masq:wh:q:${sessionId}`)) === 1; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await ctx.db.exists(`masq:wh:q:${sessionId}`)).toBe(0);
    expect(recv.received('/twice').filter((r) => r.json.type === 'recording.ready')).toHaveLength(1);
  });

  it('writes recording.failed with its reason; a closed session still gets it', async () => {
    const { sessionId, callId } = await completedCall('/failed');
    await ctx.t.api('DELETE', `/v1/sessions/${sessionId}`);
    const r = await ctx.t.store().recordings.settle({ callId, status: 'failed', reason: 'media server unreachable' });
    expect(r.settled).toBe(true);
    const ev = (await eventsOf(sessionId)).pop();
    expect(ev).toMatchObject({
      type: 'recording.failed',
      call: { id: callId },
      recording: { id: null, status: 'failed', url: null, durationSeconds: null, reason: 'media server unreachable' },
    });
    const got = await recv.waitFor('/failed', 7);
    expect(got.map((g) => g.json.type).slice(-2)).toEqual(['session.closed', 'recording.failed']);
    expect((await ctx.t.api('GET', `/v1/calls/${callId}`)).body.recording).toEqual({ id: null, status: 'failed', url: null, durationSeconds: null, reason: 'media server unreachable' });
    // Settling again without an id is the same recording: nothing new.
    expect((await ctx.t.store().recordings.settle({ callId, status: 'failed' })).settled).toBe(false);
  });

  it('refuses unknown calls and invalid outcomes, and a call without a session gets no event', async () => {
    const recordings = ctx.t.store().recordings;
    await expect(recordings.settle({ callId: newSessionId(), status: 'ready' })).rejects.toMatchObject({ code: 'call_not_found' });
    await expect(recordings.settle({ callId: '../x', status: 'ready' })).rejects.toMatchObject({ code: 'call_not_found' });

    const { callId } = await completedCall('/invalid');
    await expect(recordings.settle({ callId, status: 'ready', durationSeconds: -1 })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(recordings.settle({ callId, status: 'lost' as 'ready' })).rejects.toMatchObject({ code: 'validation_failed' });
    expect((await ctx.t.api('GET', `/v1/calls/${callId}`)).body.recording).toBeNull();

    const stray = newSessionId();
    await ctx.t.store().calls.start({ id: stray, sessionId: null, direction: null, virtualNumber: VN, startedAt: Date.now() });
    const before = await ctx.db.xlen('masq:events');
    expect(await recordings.settle({ callId: stray, status: 'ready', recordingId: 'rec-stray' })).toEqual({ settled: true, status: 'ready', eventId: null });
    expect(await ctx.db.xlen('masq:events')).toBe(before);
    expect((await ctx.t.api('GET', `/v1/calls/${stray}`)).body.recording).toMatchObject({ id: 'rec-stray', status: 'ready' });
  });
});
