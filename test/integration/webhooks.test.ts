/**
 * Webhook delivery from the outbox to a real local receiver: signed, in order per
 * session, retried after errors and timeouts, dead-lettered after the maximum
 * age, delivered again after a worker dies mid-delivery.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infobipAuthorization, verifySignature } from '../../src/webhooks/signing.js';
import { startApp, useApp, type TestApp } from '../helpers/app.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

const SECRET = 'whsec-0123456789abcdef';
const FAST = {
  MASQ_WEBHOOK_ENABLED: 'true',
  MASQ_WEBHOOK_SECRET: SECRET,
  MASQ_WEBHOOK_TIMEOUT_MS: '300',
  MASQ_WEBHOOK_RETRY_BASE_MS: '50',
  MASQ_WEBHOOK_RETRY_MAX_MS: '200',
  MASQ_WEBHOOK_MAX_AGE_S: '2',
};
const ctx = useApp({ env: FAST });
let recv: Receiver;
let n = 0;

beforeAll(async () => {
  recv = await startReceiver();
  await ctx.t.api('POST', '/v1/pools', { id: 'wh' });
  await ctx.t.api('POST', '/v1/pools/wh/numbers', { numbers: ['+15035550100', '+15035550101'] });
});
afterAll(async () => {
  await recv?.stop();
});

/** A session whose events go to `path`, then an update and a close: three events. */
async function lifecycle(app: TestApp, path?: string) {
  n++;
  const s = await app.api('POST', '/v1/sessions', {
    poolId: 'wh',
    firstParty: `+1415555${3000 + n}`,
    secondParty: `+1212555${3000 + n}`,
    clientReference: `order-${n}`,
    ...(path ? { callbackUrl: recv.url(path) } : {}),
  });
  expect(s.status).toBe(201);
  await app.api('PATCH', `/v1/sessions/${s.body.id}`, { metadata: { step: 2 } });
  await app.api('DELETE', `/v1/sessions/${s.body.id}`);
  return s.body.id as string;
}

const types = (rs: { json: Record<string, any> }[]) => rs.map((r) => r.json.type);
const distinct = (rs: { json: Record<string, any> }[]) => [...new Map(rs.map((r) => [r.json.id, r])).values()];

describe('webhook delivery', () => {
  it('posts signed events to the session callbackUrl, in order', async () => {
    const sid = await lifecycle(ctx.t, '/ok');
    const got = await recv.waitFor('/ok', 3);
    expect(types(got)).toEqual(['session.created', 'session.updated', 'session.closed']);
    for (const r of got) {
      expect(r.json.sessionId).toBe(sid);
      expect(r.headers['masq-event-id']).toBe(r.json.id);
      expect(verifySignature(String(r.headers['masq-signature']), r.body, SECRET)).toBe(true);
      expect(r.json).not.toHaveProperty('callbackUrl');
    }
    expect(got[0]?.json).toMatchObject({ clientReference: `order-${n}`, session: { status: 'open' } });
  });

  it('retries after 500s and keeps the session’s later events waiting behind', async () => {
    recv.on('/flaky', (i) => (i < 2 ? 500 : 200));
    await lifecycle(ctx.t, '/flaky');
    const got = await recv.waitFor('/flaky', 5);
    expect(types(got.slice(0, 3))).toEqual(['session.created', 'session.created', 'session.created']);
    expect(types(distinct(got))).toEqual(['session.created', 'session.updated', 'session.closed']);
    expect(ctx.t.logs.some((l) => l.msg === 'webhook failed; will retry' && l.error === 'HTTP 500')).toBe(true);
  });

  it('retries a request the receiver never answers, after the timeout', async () => {
    recv.on('/slow', (i) => (i === 0 ? 'hang' : 200));
    await lifecycle(ctx.t, '/slow');
    const got = await recv.waitFor('/slow', 4);
    expect(types(distinct(got))).toEqual(['session.created', 'session.updated', 'session.closed']);
    expect((got[1]?.at ?? 0) - (got[0]?.at ?? 0)).toBeGreaterThanOrEqual(290);
  });

  it('dead-letters an event after the maximum age, then lets it be retried', async () => {
    let broken = true;
    recv.on('/down', (_i, r) => (broken && r.json.type === 'session.created' ? 500 : 200));
    const sid = await lifecycle(ctx.t, '/down');
    // After ~2 s the first event is given up; the session's later events then go through.
    const later = await recv.waitFor('/down', 1, 8000).then(async () => {
      for (let i = 0; i < 100 && !recv.received('/down').some((r) => r.json.type === 'session.closed'); i++) await new Promise((r) => setTimeout(r, 50));
      return recv.received('/down');
    });
    expect(types(distinct(later))).toEqual(['session.created', 'session.updated', 'session.closed']);
    const dead = (await ctx.t.api('GET', '/v1/webhooks/dead')).body.items as Record<string, any>[];
    const mine = dead.find((d) => d.sessionId === sid);
    expect(mine).toMatchObject({ lastError: 'HTTP 500', event: { type: 'session.created', sessionId: sid } });
    expect(mine?.attempts).toBeGreaterThan(3);

    broken = false;
    const before = recv.received('/down').length;
    expect((await ctx.t.api('POST', `/v1/webhooks/dead/${mine?.eventId}/retry`)).status).toBe(202);
    const after = await recv.waitFor('/down', before + 1);
    expect(after[after.length - 1]?.json).toMatchObject({ id: mine?.eventId, type: 'session.created' });
    expect((await ctx.t.api('GET', '/v1/webhooks/dead')).body.items.find((d: { eventId: string }) => d.eventId === mine?.eventId)).toBeUndefined();
    expect((await ctx.t.api('POST', '/v1/webhooks/dead/1-0/retry')).status).toBe(404);
  });

  it('sends events of sessions without a callbackUrl to the global URL', async () => {
    // Instances sharing a Redis share their webhook settings; here only this one delivers.
    await ctx.t.app.webhooks?.stop();
    const app = await startApp(ctx.redis.url, {
      ...FAST,
      MASQ_WEBHOOK_URL: recv.url('/global'),
      MASQ_WEBHOOK_INFOBIP_API_ID: 'api-1',
      MASQ_WEBHOOK_INFOBIP_KEY: 'infobip-key',
    });
    try {
      const sid = await lifecycle(app);
      const got = await recv.waitFor('/global', 3);
      expect(types(got.filter((r) => r.json.sessionId === sid))).toEqual(['session.created', 'session.updated', 'session.closed']);
      // Infobip-compatible header for migrating customers: apiId:sha256(url + body + key).
      const r = got[0] as { body: string; headers: Record<string, unknown> };
      expect(r.headers.authorization).toBe(infobipAuthorization('api-1', recv.url('/global'), r.body, 'infobip-key'));
    } finally {
      await app.stop();
      ctx.t.app.webhooks?.start();
    }
  });

  it('delivers again, in order, when a worker dies between the POST and recording it', async () => {
    // This worker loses Redis as soon as its first request arrives: it cannot settle.
    const doomed = await startApp(ctx.redis.url, FAST);
    await ctx.t.app.webhooks?.stop(); // only the doomed worker may take the first claim
    recv.on('/crash', (i) => {
      if (i === 0) doomed.redis.disconnect();
      return 200;
    });
    try {
      await lifecycle(doomed, '/crash');
      await recv.waitFor('/crash', 1);
    } finally {
      await doomed.stop();
    }
    ctx.t.app.webhooks?.start(); // picks the session up once the lease (timeout + 5 s) runs out
    const got = await recv.waitFor('/crash', 4, 15_000);
    expect(got[1]?.json.id).toBe(got[0]?.json.id); // at least once: the same event again
    expect(types(distinct(got))).toEqual(['session.created', 'session.updated', 'session.closed']);
  }, 30_000);
});
