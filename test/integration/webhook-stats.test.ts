/**
 * GET /v1/webhooks/stats: the delivery backlog from counters kept by the delivery
 * scripts themselves. Checked against the queues as they really are (a scan the
 * endpoint never does) while a failing receiver lets events pile up, and again
 * once it recovers and they drain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, useApp } from '../helpers/app.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

const FAST = {
  MASQ_WEBHOOK_ENABLED: 'true',
  MASQ_WEBHOOK_SECRET: 'whsec-0123456789abcdef',
  MASQ_WEBHOOK_RETRY_BASE_MS: '50',
  MASQ_WEBHOOK_RETRY_MAX_MS: '200',
};
const ctx = useApp({ env: FAST });
let recv: Receiver;
let n = 0;

beforeAll(async () => {
  recv = await startReceiver();
  await ctx.t.api('POST', '/v1/pools', { id: 'st' });
  await ctx.t.api('POST', '/v1/pools/st/numbers', { numbers: ['+15035550100'] });
});
afterAll(async () => {
  await recv?.stop();
});

interface Stats {
  pending: number;
  sessionsWaiting: number;
  retrying: number;
  dead: number;
  oldestPendingAgeSeconds: number | null;
  undispatched: number;
}

async function stats(): Promise<Stats> {
  const r = await ctx.t.api('GET', '/v1/webhooks/stats');
  expect(r.status).toBe(200);
  return r.body as Stats;
}

async function until(what: string, ok: (s: Stats) => boolean, ms = 10_000): Promise<Stats> {
  const end = Date.now() + ms;
  for (;;) {
    const s = await stats();
    if (ok(s)) return s;
    if (Date.now() > end) throw new Error(`${what}: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The backlog as the queues hold it, by scanning every queue key. */
async function truth() {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await ctx.db.scan(cursor, 'MATCH', 'masq:wh:q:*', 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  let pending = 0;
  let oldest = Infinity;
  for (const k of keys) {
    pending += await ctx.db.zcard(k);
    const head = (await ctx.db.zrange(k, 0, 0))[0];
    if (head) oldest = Math.min(oldest, Number(head.split('-')[0]));
  }
  return { pending, sessionsWaiting: keys.length, oldest: oldest === Infinity ? null : oldest };
}

/** A session sending to `path`, updated `updates` times: 1 + updates events. */
async function session(path: string | undefined, updates: number, extra: Record<string, unknown> = {}) {
  n++;
  const s = await ctx.t.api('POST', '/v1/sessions', {
    poolId: 'st',
    firstParty: `+1415555${6000 + n}`,
    secondParty: `+1212555${6000 + n}`,
    ...(path ? { callbackUrl: recv.url(path) } : {}),
    ...extra,
  });
  expect(s.status).toBe(201);
  for (let i = 0; i < updates; i++) await ctx.t.api('PATCH', `/v1/sessions/${s.body.id}`, { metadata: { i } });
  return s.body.id as string;
}

describe('webhook backlog stats', () => {
  it('starts empty', async () => {
    expect(await stats()).toEqual({ pending: 0, sessionsWaiting: 0, retrying: 0, dead: 0, oldestPendingAgeSeconds: null, undispatched: 0 });
  });

  it('counts events piling up behind a failing receiver, then draining', async () => {
    let up = false;
    recv.on('/pile', () => (up ? 204 : 500));
    const t0 = Date.now();
    const sids = [await session('/pile', 2), await session('/pile', 2), await session('/pile', 3)];
    // A filtered event is never queued, so it is not pending.
    await session('/pile', 1, { callbackEvents: ['session.closed'] });

    const piled = await until('every session tried and failed', (s) => s.retrying === 3 && s.undispatched === 0);
    expect(piled).toMatchObject({ pending: 10, sessionsWaiting: 3, dead: 0, undispatched: 0 });
    const real = await truth();
    expect({ pending: piled.pending, sessionsWaiting: piled.sessionsWaiting }).toEqual({ pending: real.pending, sessionsWaiting: real.sessionsWaiting });
    const age = piled.oldestPendingAgeSeconds as number;
    expect(age).toBeGreaterThan(0);
    expect(age).toBeLessThanOrEqual((Date.now() - t0) / 1000 + 0.2);
    expect(Math.abs(age - (Date.now() - (real.oldest as number)) / 1000)).toBeLessThan(0.5);

    // Still failing: the same ten stay pending while their age keeps growing.
    const later = await until('the oldest age grows', (s) => (s.oldestPendingAgeSeconds as number) >= age + 0.3);
    expect(later).toMatchObject({ pending: 10, sessionsWaiting: 3, retrying: 3 });

    up = true;
    const drained = await until('drained', (s) => s.pending === 0);
    expect(drained).toEqual({ pending: 0, sessionsWaiting: 0, retrying: 0, dead: 0, oldestPendingAgeSeconds: null, undispatched: 0 });
    expect(await truth()).toEqual({ pending: 0, sessionsWaiting: 0, oldest: null });
    const delivered = new Set(recv.received('/pile').filter((r) => sids.includes(r.json.sessionId)).map((r) => r.json.id));
    expect(delivered.size).toBe(10);
  });

  it('moves the oldest pending age on as a session’s earlier events go out', async () => {
    let createdOk = false;
    let up = false;
    recv.on('/head', (_i, r) => ((r.json.type === 'session.created' ? createdOk : up) ? 204 : 500));
    const sid = await session('/head', 0);
    await new Promise((r) => setTimeout(r, 1000)); // the two events must be 1 s apart
    await ctx.t.api('PATCH', `/v1/sessions/${sid}`, { metadata: { late: true } });
    const both = await until('both queued', (s) => s.pending === 2);
    expect(both.oldestPendingAgeSeconds as number).toBeGreaterThanOrEqual(1);

    createdOk = true; // the created event goes; the update, 1 s younger, is now the oldest
    const s = await until('update failing alone', (x) => x.pending === 1 && x.retrying === 1);
    const real = await truth();
    expect(s.sessionsWaiting).toBe(1);
    expect(Math.abs((s.oldestPendingAgeSeconds as number) - (Date.now() - (real.oldest as number)) / 1000)).toBeLessThan(0.5);
    up = true;
    await until('drained', (x) => x.pending === 0 && x.oldestPendingAgeSeconds === null);
  });

  it('counts logged events no worker has picked up', async () => {
    await ctx.t.app.webhooks?.stop();
    try {
      await session(undefined, 1);
      await session('/idle', 0, { callbackEvents: [] });
      const s = await stats();
      expect(s.undispatched).toBe(3);
      expect(s.pending).toBe(0);
    } finally {
      ctx.t.app.webhooks?.start();
    }
    expect(await until('dispatched', (s) => s.undispatched === 0 && s.pending === 0)).toMatchObject({ sessionsWaiting: 0 });
  });

  it('counts dead letters, and a retried one as pending again', async () => {
    // Only this short-lived worker delivers here: it gives up after 1 s.
    await ctx.t.app.webhooks?.stop();
    const quick = await startApp(ctx.redis.url, { ...FAST, MASQ_WEBHOOK_MAX_AGE_S: '1' });
    let up = false;
    recv.on('/dead', () => (up ? 204 : 500));
    try {
      const sid = await session('/dead', 1);
      const dead = await until('both events dead', (s) => s.dead === 2 && s.pending === 0, 15_000);
      expect(dead).toMatchObject({ sessionsWaiting: 0, retrying: 0, oldestPendingAgeSeconds: null });

      const letters = (await ctx.t.api('GET', '/v1/webhooks/dead')).body.items as { eventId: string; sessionId: string }[];
      const first = letters.find((d) => d.sessionId === sid) as { eventId: string };
      expect((await ctx.t.api('POST', `/v1/webhooks/dead/${first.eventId}/retry`)).status).toBe(202);
      const retried = await stats();
      expect(retried).toMatchObject({ dead: 1, pending: 1, sessionsWaiting: 1 });
      expect(retried.oldestPendingAgeSeconds as number).toBeGreaterThan(1);

      up = true;
      expect(await until('retried one delivered', (s) => s.pending === 0)).toMatchObject({ dead: 1, sessionsWaiting: 0 });
    } finally {
      await quick.stop();
      ctx.t.app.webhooks?.start();
    }
  }, 30_000);

  it('needs a key and is in the OpenAPI document', async () => {
    expect((await fetch(`${ctx.t.baseUrl}/v1/webhooks/stats`)).status).toBe(401);
    const doc = (await (await fetch(`${ctx.t.baseUrl}/openapi.json`)).json()) as { paths: Record<string, { get?: unknown }> };
    expect(doc.paths['/v1/webhooks/stats']?.get).toBeDefined();
  });
});
