/**
 * Redis killed mid-run: the API answers 503 within 2 s, /readyz names Redis, and
 * everything recovers by itself when Redis is back (AOF keeps the data).
 */
import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/app.js';

const ctx = useApp({ persistent: true });

const A = '+14155550123';
const B = '+12125550199';

describe('Redis outage', () => {
  it('degrades to 503 within 2 s and recovers without a restart', async () => {
    await ctx.t.api('POST', '/v1/pools', { id: 'out' });
    await ctx.t.api('POST', '/v1/pools/out/numbers', { numbers: ['+15035550100', '+15035550101'] });
    const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'out', firstParty: A, secondParty: B });
    expect(s.status).toBe(201);
    const v = s.body.firstParty.proxyNumber as string;

    await ctx.redis.kill();

    for (const [method, path, body] of [
      ['POST', '/v1/sessions', { poolId: 'out', firstParty: A, secondParty: '+13125550100' }],
      ['GET', `/v1/resolve?from=${encodeURIComponent(A)}&to=${encodeURIComponent(v)}`, undefined],
      ['GET', `/v1/sessions/${s.body.id}`, undefined],
      ['GET', '/v1/pools/out', undefined],
    ] as const) {
      const started = Date.now();
      const r = await ctx.t.api(method, path, body);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(r.status, `${method} ${path}`).toBe(503);
      expect(r.body.error.code).toBe('store_unavailable');
      expect(r.headers.get('retry-after')).toBe('5');
    }
    const ready = await fetch(`${ctx.t.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', failed: ['redis'] });
    expect((await fetch(`${ctx.t.baseUrl}/healthz`)).status).toBe(200);

    await ctx.redis.restart();
    const deadline = Date.now() + 10_000;
    while ((await fetch(`${ctx.t.baseUrl}/readyz`)).status !== 200) {
      if (Date.now() > deadline) throw new Error('did not recover');
      await new Promise((r) => setTimeout(r, 100));
    }
    // Data survived (AOF), scripts are reloaded on demand, new work succeeds.
    const call = await ctx.t.api('GET', `/v1/resolve?from=${encodeURIComponent(A)}&to=${encodeURIComponent(v)}`);
    expect(call.body).toMatchObject({ sessionId: s.body.id, target: B });
    const s2 = await ctx.t.api('POST', '/v1/sessions', { poolId: 'out', firstParty: A, secondParty: '+13125550100' });
    expect(s2.status).toBe(201);
    const logs = ctx.t.logs.map((l) => l.msg);
    expect(logs).toContain('redis connection lost; reconnecting');
  });
});
