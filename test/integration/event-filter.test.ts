/**
 * Per-session callbackEvents: webhooks carry only the chosen event types, the
 * event log keeps every event, a filtered event never holds up the ones after
 * it, and a session without a filter stores nothing for it.
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
let recv: Receiver;
let n = 0;

beforeAll(async () => {
  recv = await startReceiver();
  await ctx.t.api('POST', '/v1/pools', { id: 'flt' });
  await ctx.t.api('POST', '/v1/pools/flt/numbers', { numbers: ['+15035550100'] });
});
afterAll(async () => {
  await recv?.stop();
});

async function session(extra: Record<string, unknown>) {
  n++;
  const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'flt', firstParty: `+1415555${4000 + n}`, secondParty: `+1212555${4000 + n}`, ...extra });
  expect(s.status).toBe(201);
  return s.body as Record<string, any>;
}

async function logged(sessionId: string): Promise<string[]> {
  const items = (await ctx.t.api('GET', `/v1/events?sessionId=${sessionId}`)).body.items as { type: string }[];
  return items.map((e) => e.type).reverse();
}

const types = (rs: { json: Record<string, any> }[]) => rs.map((r) => r.json.type as string);

describe('callbackEvents', () => {
  it('is validated, stored in catalog order, returned, and changed or removed by PATCH', async () => {
    const bad = await ctx.t.api('POST', '/v1/sessions', { poolId: 'flt', firstParty: '+14155559990', secondParty: '+12125559990', callbackEvents: ['call.completed', 'call.exploded'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'callbackEvents.1' })]);
    expect((await ctx.t.api('POST', '/v1/sessions', { poolId: 'flt', firstParty: '+14155559990', secondParty: '+12125559990', callbackEvents: 'call.completed' })).status).toBe(400);

    const s = await session({ callbackEvents: ['recording.ready', 'session.closed', 'call.completed', 'session.closed'] });
    expect(s.callbackEvents).toEqual(['session.closed', 'call.completed', 'recording.ready']);
    expect(await ctx.db.hget(`masq:ses:${s.id}`, 'evf')).toBe('sx,cc,rr');
    expect((await ctx.t.api('GET', `/v1/sessions/${s.id}`)).body.callbackEvents).toEqual(['session.closed', 'call.completed', 'recording.ready']);

    const none = await ctx.t.api('PATCH', `/v1/sessions/${s.id}`, { callbackEvents: [] });
    expect(none.body.callbackEvents).toEqual([]);
    const cleared = await ctx.t.api('PATCH', `/v1/sessions/${s.id}`, { callbackEvents: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty('callbackEvents');
    expect(await ctx.db.hexists(`masq:ses:${s.id}`, 'evf')).toBe(0);
    expect((await ctx.t.api('PATCH', `/v1/sessions/${s.id}`, { callbackEvents: ['nope'] })).status).toBe(400);
  });

  it('stores nothing for a session without a filter, or with null', async () => {
    const plain = await session({});
    const explicit = await session({ callbackEvents: null });
    for (const s of [plain, explicit]) {
      expect(s).not.toHaveProperty('callbackEvents');
      expect(await ctx.db.hexists(`masq:ses:${s.id}`, 'evf')).toBe(0);
    }
  });

  it('delivers only the chosen types, in order, while the log keeps them all', async () => {
    const s = await session({ callbackUrl: recv.url('/some'), callbackEvents: ['session.updated', 'session.closed'] });
    await ctx.t.api('PATCH', `/v1/sessions/${s.id}`, { metadata: { step: 1 } });
    await ctx.t.api('PATCH', `/v1/sessions/${s.id}`, { callbackEvents: ['session.closed'] });
    await ctx.t.api('PATCH', `/v1/sessions/${s.id}`, { metadata: { step: 3 } });
    await ctx.t.api('DELETE', `/v1/sessions/${s.id}`);

    // Delivery is ordered per session: once the last event is in, nothing before it is still owed.
    const got = await recv.waitFor('/some', 2);
    // session.created is filtered; the first update passes; the PATCH that narrows
    // the filter already sees it (it is written before its event); so does the next.
    expect(types(got)).toEqual(['session.updated', 'session.closed']);
    expect(got[0]?.json.metadata).toEqual({ step: 1 });
    for (const r of got) expect(verifySignature(String(r.headers['masq-signature']), r.body, SECRET)).toBe(true);

    expect(await logged(s.id)).toEqual(['session.created', 'session.updated', 'session.updated', 'session.updated', 'session.closed']);
    // Filtered events never entered the session's delivery queue, nor the dead letters.
    expect(await ctx.db.exists(`masq:wh:q:${s.id}`)).toBe(0);
    expect(await ctx.db.zcard('masq:wh:dead')).toBe(0);
  });

  it('applies to call events, and [] keeps a session off webhooks entirely', async () => {
    const calls = ctx.t.store().calls;
    const s = await session({ callbackUrl: recv.url('/calls'), callbackEvents: ['call.completed'] });
    const quiet = await session({ callbackUrl: recv.url('/quiet'), callbackEvents: [] });
    for (const sid of [s.id as string, quiet.id as string]) {
      const id = newSessionId();
      const at = Date.now();
      await calls.start({ id, sessionId: sid, direction: 'first-to-second', virtualNumber: '+15035550100', startedAt: at }, 'call.initiated');
      await calls.update(id, sid, { ringingAt: at + 10 }, 'call.ringing');
      await calls.update(id, sid, { state: 'failed', endedAt: at + 20, sipStatus: 486, hungUpBy: 'callee', endReason: 'busy' }, 'call.failed');
      const id2 = newSessionId();
      await calls.start({ id: id2, sessionId: sid, direction: 'second-to-first', virtualNumber: '+15035550100', startedAt: at + 30 }, 'call.initiated');
      await calls.update(id2, sid, { state: 'completed', answeredAt: at + 40, endedAt: at + 5040, durationSeconds: 5, sipStatus: 200, hungUpBy: 'caller', endReason: 'caller-hangup' }, 'call.completed');
    }
    const got = await recv.waitFor('/calls', 1);
    expect(types(got)).toEqual(['call.completed']);
    expect(got[0]?.json.call).toMatchObject({ durationSeconds: 5, hungUpBy: 'caller' });
    expect(await logged(s.id)).toEqual(['session.created', 'call.initiated', 'call.ringing', 'call.failed', 'call.initiated', 'call.completed']);

    // Everything of the quiet session was logged and none of it queued.
    const last = (await ctx.t.api('GET', `/v1/events?sessionId=${quiet.id}&limit=1`)).body.items[0].id as string;
    expect((await logged(quiet.id)).length).toBe(6);
    const passed = async () => {
      const [cm, cs] = ((await ctx.db.get('masq:wh:cursor')) ?? '0-0').split('-').map(BigInt) as [bigint, bigint];
      const [lm, ls] = last.split('-').map(BigInt) as [bigint, bigint];
      return cm > lm || (cm === lm && cs >= ls);
    };
    for (let i = 0; i < 100 && !(await passed()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await passed()).toBe(true);
    // Dispatch has read past every event of the quiet session and queued none: nothing can be delivered.
    expect(recv.received('/quiet')).toEqual([]);
    expect(await ctx.db.exists(`masq:wh:q:${quiet.id}`)).toBe(0);
  });
});
