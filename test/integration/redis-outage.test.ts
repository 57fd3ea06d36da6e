/**
 * Redis killed mid-run: the API answers 503 within 2 s, /readyz names Redis, and
 * everything recovers by itself when Redis is back (AOF keeps the data).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { startApp, type TestApp } from '../helpers/app.js';

let redis: RedisServer;
let t: TestApp;

beforeAll(async () => {
  redis = await startRedis({ persistent: true });
  t = await startApp(redis.url);
});
afterAll(async () => {
  await t?.stop();
  await redis?.stop();
});

const A = '+14155550123';
const B = '+12125550199';

describe('Redis outage', () => {
  it('degrades to 503 within 2 s and recovers without a restart', async () => {
    await t.api('POST', '/v1/pools', { id: 'out' });
    await t.api('POST', '/v1/pools/out/numbers', { numbers: ['+15035550100', '+15035550101'] });
    const s = await t.api('POST', '/v1/sessions', { poolId: 'out', firstParty: A, secondParty: B });
    expect(s.status).toBe(201);
    const v = s.body.firstParty.proxyNumber as string;

    await redis.kill();

    for (const [method, path, body] of [
      ['POST', '/v1/sessions', { poolId: 'out', firstParty: A, secondParty: '+13125550100' }],
      ['GET', `/v1/resolve?from=${encodeURIComponent(A)}&to=${encodeURIComponent(v)}`, undefined],
      ['GET', `/v1/sessions/${s.body.id}`, undefined],
      ['GET', '/v1/pools/out', undefined],
    ] as const) {
      const started = Date.now();
      const r = await t.api(method, path, body);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(r.status, `${method} ${path}`).toBe(503);
      expect(r.body.error.code).toBe('store_unavailable');
      expect(r.headers.get('retry-after')).toBe('5');
    }
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', failed: ['redis'] });
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);

    await redis.restart();
    const deadline = Date.now() + 10_000;
    while ((await fetch(`${t.baseUrl}/readyz`)).status !== 200) {
      if (Date.now() > deadline) throw new Error('did not recover');
      await new Promise((r) => setTimeout(r, 100));
    }
    // Data survived (AOF), scripts are reloaded on demand, new work succeeds.
    const call = await t.api('GET', `/v1/resolve?from=${encodeURIComponent(A)}&to=${encodeURIComponent(v)}`);
    expect(call.body).toMatchObject({ sessionId: s.body.id, target: B });
    const s2 = await t.api('POST', '/v1/sessions', { poolId: 'out', firstParty: A, secondParty: '+13125550100' });
    expect(s2.status).toBe(201);
    const logs = t.logs.map((l) => l.msg);
    expect(logs).toContain('redis connection lost; reconnecting');
  });
});
