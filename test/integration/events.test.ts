/**
 * The event outbox: every session state change appends exactly one event in the
 * same atomic step; failed requests append none; events read back newest first.
 */
import { describe, expect, it } from 'vitest';
import { startApp, useApp } from '../helpers/app.js';

const ctx = useApp({ env: { MASQ_SWEEP_INTERVAL_MS: '100' } });
const A = '+14155550123';
const B = '+12125550199';

async function events(sessionId: string) {
  return ((await ctx.t.api('GET', `/v1/events?sessionId=${sessionId}`)).body.items as Record<string, any>[]).reverse();
}

describe('event outbox', () => {
  it('records each change of a session once, with what the status message needs', async () => {
    await ctx.t.api('POST', '/v1/pools', { id: 'ev' });
    await ctx.t.api('POST', '/v1/pools/ev/numbers', { numbers: ['+15035550100'] });
    const before = await ctx.db.xlen('masq:events');
    const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'ev', firstParty: A, secondParty: B, clientReference: 'ride-7', metadata: { x: 1 } });
    expect(await ctx.db.xlen('masq:events')).toBe(before + 1);

    // Refused requests leave no event behind.
    expect((await ctx.t.api('POST', '/v1/sessions', { poolId: 'ev', firstParty: A, secondParty: B })).status).toBe(409);
    expect((await ctx.t.api('POST', '/v1/sessions', { poolId: 'ev', firstParty: '+1', secondParty: B })).status).toBe(400);
    expect(await ctx.db.xlen('masq:events')).toBe(before + 1);

    await ctx.t.api('PATCH', `/v1/sessions/${s.body.id}`, { metadata: { x: 2 } });
    await ctx.t.api('DELETE', `/v1/sessions/${s.body.id}`);
    await ctx.t.api('DELETE', `/v1/sessions/${s.body.id}`); // idempotent close: no second event
    const list = await events(s.body.id);
    expect(list.map((e) => e.type)).toEqual(['session.created', 'session.updated', 'session.closed']);
    expect(new Set(list.map((e) => e.id)).size).toBe(3);
    expect(list[0]).toMatchObject({
      sessionId: s.body.id,
      clientReference: 'ride-7',
      metadata: { x: 1 },
      session: { status: 'open', poolId: 'ev', mode: 'shared', firstParty: { number: A, proxyNumber: '+15035550100' }, endedAt: null },
    });
    expect(list[1]?.metadata).toEqual({ x: 2 });
    expect(list[2]?.session).toMatchObject({ status: 'closed' });
    expect(Date.parse(list[2]?.session.endedAt)).toBeGreaterThan(0);
    expect(list[0]).not.toHaveProperty('callbackUrl');
  });

  it('expires each session exactly once with one event when two instances sweep the same due sessions at once, and both sweep', async () => {
    const second = await startApp(ctx.redis.url, { MASQ_SWEEP_INTERVAL_MS: '60000' });
    await ctx.t.app.sweeper.stop();
    await second.app.sweeper.stop();
    try {
      await ctx.t.api('POST', '/v1/pools', { id: 'ev2' });
      await ctx.t.api('POST', '/v1/pools/ev2/numbers', { numbers: ['+15035550200', '+15035550201', '+15035550202'] });
      const N = 450;
      const created = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          ctx.t.api('POST', '/v1/sessions', { poolId: 'ev2', firstParty: `+1415556${String(i).padStart(4, '0')}`, secondParty: `+1212556${String(i).padStart(4, '0')}`, ttlSeconds: 1 }),
        ),
      );
      const ids = created.map((r) => r.body.id as string);
      const due = Math.max(...created.map((r) => Date.parse(r.body.expiresAt as string)));
      // Both sweepers start on the same due sessions, each in batches of 200.
      while (Date.now() <= due) await new Promise((r) => setTimeout(r, due - Date.now() + 5));
      const [mine, theirs] = await Promise.all([ctx.t.app.sweeper.sweepNow(), second.app.sweeper.sweepNow()]);
      expect(mine + theirs).toBe(N);
      expect(mine).toBeGreaterThan(0);
      expect(theirs).toBeGreaterThan(0);
      for (const id of ids.slice(0, 20)) expect((await events(id)).map((e) => e.type)).toEqual(['session.created', 'session.expired']);
      const expiredEvents = (await ctx.db.xrange('masq:events', '-', '+')).filter(([, f]) => f.includes('session.expired') && ids.includes(f[f.indexOf('s') + 1] as string));
      expect(expiredEvents).toHaveLength(N);
    } finally {
      ctx.t.app.sweeper.start();
      await second.stop();
    }
  }, 30_000);

  it('lists all events newest first with a cursor', async () => {
    const first = await ctx.t.api('GET', '/v1/events?limit=2');
    expect(first.body.items).toHaveLength(2);
    const next = await ctx.t.api('GET', `/v1/events?limit=2&cursor=${first.body.nextCursor}`);
    const asNumbers = (id: string) => id.split('-').map(BigInt) as [bigint, bigint];
    const [nm, ns] = asNumbers(next.body.items[0].id);
    const [fm, fs] = asNumbers(first.body.items[1].id);
    expect(nm < fm || (nm === fm && ns < fs)).toBe(true);
    expect((await ctx.t.api('GET', '/v1/events?cursor=nope')).status).toBe(400);
  });
});
