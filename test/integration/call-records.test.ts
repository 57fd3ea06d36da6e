/**
 * Call records and session stats as the SIP layer writes them: routed (route_call),
 * then ringing, answered, ended; each stage writes only what it must, and a
 * repeated or lost write neither double-counts nor leaves a record without a
 * lifetime.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { newSessionId } from '../../src/masking/ids.js';
import { useApp } from '../helpers/app.js';

const ctx = useApp();
const VN = '+15035550101';
const RETENTION_MS = 30 * 86_400 * 1000;
let n = 0;

beforeAll(async () => {
  await ctx.t.api('POST', '/v1/pools', { id: 'calls' });
  await ctx.t.api('POST', '/v1/pools/calls/numbers', { numbers: [VN] });
});

async function session(): Promise<{ id: string; a: string }> {
  n++;
  const a = `+1415555${6000 + n}`;
  const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'calls', firstParty: a, secondParty: `+1212555${6000 + n}` });
  expect(s.status).toBe(201);
  return { id: s.body.id as string, a };
}

const stats = async (id: string) => (await ctx.t.api('GET', `/v1/sessions/${id}`)).body.stats;
const pttl = (callId: string) => ctx.db.pttl(`masq:call:${callId}`);

describe('call records', () => {
  it('a routed call is recorded with its route; stats count it once and add its duration once', async () => {
    const s = await session();
    const callId = newSessionId();
    const at = Date.now() - 60_000;
    const route = await ctx.t.store().sessions.resolve(s.a, VN, { id: callId, startedAt: at, ringTimeoutS: 60, callTimeLimitS: 3600 });
    expect(route).toMatchObject({ kind: 'open', sessionId: s.id, recorded: true });
    expect((await ctx.t.api('GET', `/v1/calls/${callId}`)).body).toMatchObject({ sessionId: s.id, direction: 'first-to-second', virtualNumber: VN, state: 'ringing' });
    expect(await stats(s.id)).toMatchObject({ callCount: 1, totalDurationSeconds: 0 });
    expect(await pttl(callId)).toBeGreaterThan(RETENTION_MS - 60_000);

    const { calls } = ctx.t.store();
    await calls.update(callId, s.id, { ringingAt: at + 500 }, 'call.ringing');
    await calls.update(callId, s.id, { state: 'answered', answeredAt: at + 2000 }, 'call.answered');
    const end = { state: 'completed', endedAt: at + 44_000, durationSeconds: 42, sipStatus: 200, hungUpBy: 'callee', endReason: 'callee-hangup' } as const;
    await calls.update(callId, s.id, end, 'call.completed');
    await calls.update(callId, s.id, end); // a repeated final write
    expect(await stats(s.id)).toMatchObject({ callCount: 1, totalDurationSeconds: 42, lastCallAt: new Date(at).toISOString(), lastInteractionAt: new Date(at + 44_000).toISOString() });
    const types = ((await ctx.t.api('GET', `/v1/events?sessionId=${s.id}`)).body.items as { type: string }[]).map((e) => e.type).reverse();
    expect(types).toEqual(['session.created', 'call.initiated', 'call.ringing', 'call.answered', 'call.completed']);
  });

  it('the plain routing lookup (GET /v1/resolve) records nothing', async () => {
    const s = await session();
    const r = await ctx.t.api('GET', `/v1/resolve?from=${encodeURIComponent(s.a)}&to=${encodeURIComponent(VN)}`);
    expect(r.status).toBe(200);
    expect(r.body).not.toHaveProperty('recorded');
    expect(await stats(s.id)).toMatchObject({ callCount: 0 });
  });

  it('a turned-away call is one write: counted once, ended, no talk time', async () => {
    const s = await session();
    const callId = newSessionId();
    const now = Date.now();
    await ctx.t.store().calls.start(
      { id: callId, sessionId: s.id, direction: null, virtualNumber: VN, startedAt: now },
      'call.failed',
      { state: 'failed', endedAt: now, durationSeconds: 0, sipStatus: 410, hungUpBy: 'masq', endReason: 'session_closed' },
    );
    expect(await stats(s.id)).toMatchObject({ callCount: 1, totalDurationSeconds: 0 });
    expect((await ctx.t.api('GET', `/v1/calls/${callId}`)).body).toMatchObject({ state: 'failed', sipStatus: 410, endReason: 'session_closed' });
  });

  it('a record whose first write was lost still gets a lifetime, and is not counted', async () => {
    const s = await session();
    const callId = newSessionId();
    await ctx.t.store().calls.update(callId, s.id, { ringingAt: Date.now() }, 'call.ringing');
    expect(await pttl(callId)).toBeGreaterThan(RETENTION_MS - 60_000);
    expect(await stats(s.id)).toMatchObject({ callCount: 0 });
  });
});
