/**
 * Out-of-session routing through the SIP path: a caller with no open session on a
 * virtual number is handled as the customer's endpoint decides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDrachtio, startDrachtio, type DrachtioServer } from '../helpers/drachtio.js';
import { freePort, waitUdpBound } from '../helpers/ports.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { runSipp } from '../helpers/sipp.js';
import { sipEnv, startApp, waitReady, type TestApp } from '../helpers/app.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

const bin = findDrachtio();
if (!bin) console.warn('\n*** e2e SKIPPED (routing callback): no drachtio-server binary (DRACHTIO_BIN or PATH) ***\n');

describe.skipIf(!bin)('out-of-session routing callback', () => {
  let redis: RedisServer;
  let drachtio: DrachtioServer;
  let recv: Receiver;
  let t: TestApp;
  let uasPort: number;
  const V = '+12025550100';
  const STRANGER = '+13055550111';

  beforeAll(async () => {
    redis = await startRedis();
    drachtio = await startDrachtio(bin as string);
    recv = await startReceiver();
    uasPort = await freePort();
    t = await startApp(redis.url, sipEnv(drachtio, uasPort, { MASQ_ROUTING_CALLBACK_URL: recv.url('/route'), MASQ_ROUTING_CALLBACK_TIMEOUT_MS: '500' }));
    await waitReady(t.baseUrl);
    await t.api('POST', '/v1/pools', { id: 'oos' });
    await t.api('POST', '/v1/pools/oos/numbers', { numbers: [V] });
  }, 30_000);

  afterAll(async () => {
    await t?.stop();
    await recv?.stop();
    await drachtio?.stop();
    await redis?.stop();
  });

  const caller = async (scenario: string) =>
    runSipp({ scenario, localPort: await freePort(), remote: `127.0.0.1:${drachtio.sipPort}`, service: V, keys: { caller: STRANGER } }).done;

  it('rejects with the status the endpoint chose', async () => {
    recv.on('/route', () => ({ status: 200, json: { action: 'reject', sipStatus: 486 } }));
    const r = await caller('uac-reject-expect-486.xml');
    expect(r.code, r.errors).toBe(0);
    const asked = recv.received('/route').pop()?.json;
    expect(asked).toMatchObject({ from: STRANGER, to: V, reason: 'not_in_session' });
    // The decision is in the log operators read (the console's Webhooks page).
    const decided = (await t.api('GET', '/v1/routing/decisions?limit=1')).body.items[0];
    expect(decided).toMatchObject({ callId: asked?.correlationId, action: 'reject', sipStatus: 486, reason: 'not_in_session', sessionId: null });
  });

  it('dials the target the endpoint chose, from one of our numbers, masked', async () => {
    const TARGET = '+12125550177';
    recv.on('/route', () => ({ status: 200, json: { action: 'dial', target: TARGET, callerId: V } }));
    const callee = runSipp({ scenario: 'uas-answer.xml', localPort: uasPort, keys: { callee: TARGET } });
    await waitUdpBound(uasPort);
    const r = await caller('uac-masked-call-expect-200.xml');
    const far = await callee.done;
    expect(r.code, r.errors).toBe(0);
    expect(far.code, far.errors).toBe(0);
    expect(far.messages).toMatch(new RegExp(`^INVITE sip:\\${TARGET}@`, 'm'));
    expect(far.messages).toMatch(new RegExp(`^From: <sip:\\${V}@`, 'm'));
    expect(far.messages).not.toContain(STRANGER.slice(1));
  });

  it('turns a play answer away with the usual status while no media server exists', async () => {
    recv.on('/route', () => ({ status: 200, json: { action: 'play', prompt: 'store-closed' } }));
    const before = recv.received('/route').length;
    const r = await caller('uac-reject-expect-403.xml');
    expect(r.code, r.errors).toBe(0);
    expect(recv.received('/route').length).toBe(before + 1);
  });

  it('applies the default (403) when the answer names a caller id that is not ours, or never comes', async () => {
    recv.on('/route', () => ({ status: 200, json: { action: 'dial', target: '+12125550177', callerId: '+19995550100' } }));
    const notOurs = await caller('uac-reject-expect-403.xml');
    expect(notOurs.code, notOurs.errors).toBe(0);
    recv.on('/route', () => 'hang');
    const started = Date.now();
    const slow = await caller('uac-reject-expect-403.xml');
    expect(slow.code, slow.errors).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
