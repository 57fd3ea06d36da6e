/**
 * Expiry without anyone reading: the sweeper frees bindings within about a second
 * of expiresAt, the session reads as expired, and calls hear 410 from the tombstone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startApp, useApp } from '../helpers/app.js';

const ctx = useApp({ env: { MASQ_SWEEP_INTERVAL_MS: '250', MASQ_TOMBSTONE_RETENTION_S: '3600' } });

beforeAll(async () => {
  await ctx.t.api('POST', '/v1/pools', { id: 'exp' });
  await ctx.t.api('POST', '/v1/pools/exp/numbers', { numbers: ['+15035550100', '+15035550101'] });
});

const A = '+14155550123';
const B = '+12125550199';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => Promise<boolean>, ms: number): Promise<number> {
  const start = Date.now();
  while (!(await cond())) {
    if (Date.now() - start > ms) throw new Error(`condition not met in ${ms} ms`);
    await sleep(20);
  }
  return Date.now() - start;
}

describe('session expiry', () => {
  it('frees the bindings within about a second of expiresAt, with nobody reading', async () => {
    const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'exp', firstParty: A, secondParty: B, ttlSeconds: 1 });
    const v = s.body.firstParty.proxyNumber as string;
    const expiresAt = Date.parse(s.body.expiresAt);
    expect(await ctx.db.hget(`masq:vb:${v}`, A)).toBe(s.body.id);
    await waitFor(async () => (await ctx.db.hlen(`masq:vb:${v}`)) === 0, 3000);
    const lateBy = Date.now() - expiresAt;
    expect(lateBy).toBeLessThan(1000);
    // The sweeper, not a read, did it.
    const h = await ctx.db.hgetall(`masq:ses:${s.body.id}`);
    expect(h.st).toBe('expired');
    expect(Number(h.en)).toBeGreaterThanOrEqual(expiresAt);
    expect(await ctx.db.zscore('masq:exp', s.body.id)).toBeNull();
    expect(await ctx.db.pttl(`masq:ses:${s.body.id}`)).toBeGreaterThan(3_590_000);

    const got = await ctx.t.api('GET', `/v1/sessions/${s.body.id}`);
    expect(got.body).toMatchObject({ status: 'expired' });
    const call = await ctx.t.api('GET', `/v1/resolve?from=${encodeURIComponent(B)}&to=${encodeURIComponent(v)}`);
    expect(call).toMatchObject({ status: 410, body: { error: { code: 'session_expired' } } });
    expect((await ctx.t.api('DELETE', `/v1/sessions/${s.body.id}`)).status).toBe(410);
    expect((await ctx.t.api('PATCH', `/v1/sessions/${s.body.id}`, { ttlSeconds: 100 })).status).toBe(410);
    expect((await ctx.t.api('GET', '/v1/pools/exp')).body.counts).toMatchObject({ inUse: 0, openSessions: 0 });
  });

  it('shortening the TTL expires the session at the next sweep', async () => {
    const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'exp', firstParty: A, secondParty: B, ttlSeconds: 3600 });
    await sleep(1100);
    const up = await ctx.t.api('PATCH', `/v1/sessions/${s.body.id}`, { ttlSeconds: 1 });
    expect(up.status).toBe(200);
    await waitFor(async () => (await ctx.db.hget(`masq:ses:${s.body.id}`, 'st')) === 'expired', 1500);
  });

  it('a read of a due session expires it at once even before the sweep', async () => {
    await ctx.t.app.sweeper.stop();
    try {
      const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'exp', firstParty: A, secondParty: '+13125550100', ttlSeconds: 1 });
      await sleep(1100);
      const v = s.body.firstParty.proxyNumber as string;
      expect((await ctx.t.api('GET', `/v1/resolve?from=${encodeURIComponent(A)}&to=${encodeURIComponent(v)}`)).status).toBe(410);
      expect((await ctx.t.api('GET', `/v1/sessions/${s.body.id}`)).body.status).toBe('expired');
      expect(await ctx.db.hlen(`masq:vb:${v}`)).toBe(0);
    } finally {
      ctx.t.app.sweeper.start();
    }
  });

  it('tombstones go with the retention: the number then answers not_in_session and the session is gone', async () => {
    // An instance whose retention is one second, on its own key prefix.
    const short = await startApp(ctx.redis.url, { MASQ_REDIS_PREFIX: 'ret:', MASQ_TOMBSTONE_RETENTION_S: '1', MASQ_SWEEP_INTERVAL_MS: '50' });
    try {
      await short.api('POST', '/v1/pools', { id: 'ret' });
      await short.api('POST', '/v1/pools/ret/numbers', { numbers: ['+15035550150'] });
      const s = await short.api('POST', '/v1/sessions', { poolId: 'ret', firstParty: '+16465550100', secondParty: B, ttlSeconds: 1 });
      const v = s.body.firstParty.proxyNumber as string;
      const resolve = () => short.api('GET', `/v1/resolve?from=${encodeURIComponent('+16465550100')}&to=${encodeURIComponent(v)}`);
      // Expired: the tombstone answers 410 while it is kept…
      await waitFor(async () => (await resolve()).status === 410, 3000);
      expect(await ctx.db.pttl(`ret:tb:${v}:+16465550100`)).toBeLessThanOrEqual(1000);
      // …and once the retention has passed, Redis itself has dropped it.
      await waitFor(async () => (await ctx.db.exists(`ret:tb:${v}:+16465550100`, `ret:ses:${s.body.id}`)) === 0, 3000);
      expect(await resolve()).toMatchObject({ status: 404, body: { error: { code: 'not_in_session' } } });
      expect((await short.api('GET', `/v1/sessions/${s.body.id}`)).status).toBe(404);
      // Listing drops the vanished id from its index.
      await short.api('GET', `/v1/sessions?participant=${encodeURIComponent('+16465550100')}`);
      expect(await ctx.db.zrange('ret:part:+16465550100:sess', 0, -1)).toEqual([]);
    } finally {
      await short.stop();
    }
  });
});
