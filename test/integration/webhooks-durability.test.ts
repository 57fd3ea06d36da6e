/**
 * No accepted event is lost when Redis crashes (AOF on, as production runs it):
 * events queued while the receiver was failing are all delivered, in order, once
 * Redis is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../helpers/app.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

const ctx = useApp({
  persistent: true,
  env: { MASQ_WEBHOOK_ENABLED: 'true', MASQ_WEBHOOK_SECRET: 'whsec-0123456789abcdef', MASQ_WEBHOOK_RETRY_BASE_MS: '50', MASQ_WEBHOOK_RETRY_MAX_MS: '200' },
});
let recv: Receiver;

beforeAll(async () => {
  recv = await startReceiver();
});
afterAll(async () => {
  await recv?.stop();
});

describe('webhook durability', () => {
  it('delivers every event accepted before a Redis crash, in order, after it restarts', async () => {
    let up = false;
    recv.on('/hook', () => (up ? 200 : 503));
    await ctx.t.api('POST', '/v1/pools', { id: 'dur' });
    await ctx.t.api('POST', '/v1/pools/dur/numbers', { numbers: ['+15035550100'] });
    const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'dur', firstParty: '+14155550123', secondParty: '+12125550199', callbackUrl: recv.url('/hook') });
    await ctx.t.api('PATCH', `/v1/sessions/${s.body.id}`, { record: true });
    await ctx.t.api('DELETE', `/v1/sessions/${s.body.id}`);
    await recv.waitFor('/hook', 1); // the worker is trying, and failing

    await ctx.redis.kill();
    await new Promise((r) => setTimeout(r, 300));
    await ctx.redis.restart();
    up = true;

    // Up to a lease (timeout + 5 s) if the crash fell between a POST and its settle.
    for (let i = 0; i < 400 && !recv.received('/hook').some((r) => r.json.type === 'session.closed'); i++) await new Promise((r) => setTimeout(r, 50));
    const delivered = [...new Map(recv.received('/hook').filter((r) => r.headers['masq-event-id']).map((r) => [r.json.id, r])).values()];
    expect(delivered.map((r) => r.json.type)).toEqual(['session.created', 'session.updated', 'session.closed']);
  }, 40_000);
});
