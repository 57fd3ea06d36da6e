/**
 * Trunk options the main e2e app does not use: digest authentication of the
 * trunk, numbers without `+`, caller taken from P-Asserted-Identity, and PAI sent
 * on the outbound leg (= the virtual number, never the caller's).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDrachtio, startDrachtio, type DrachtioServer } from '../helpers/drachtio.js';
import { freePort, waitUdpBound } from '../helpers/ports.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { runSipp } from '../helpers/sipp.js';
import { sipEnv, startApp, waitReady, type TestApp } from '../helpers/app.js';

const bin = findDrachtio();
if (!bin) console.warn('\n*** e2e SKIPPED (trunk options): no drachtio-server binary (DRACHTIO_BIN or PATH) ***\n');

describe.skipIf(!bin)('trunk options', () => {
  let redis: RedisServer;
  let drachtio: DrachtioServer;
  let t: TestApp;
  let uasPort: number;
  const A = '+14155550123';
  const B = '+12125550199';
  let V = '';
  let sessionId = '';

  beforeAll(async () => {
    redis = await startRedis();
    drachtio = await startDrachtio(bin as string);
    uasPort = await freePort();
    t = await startApp(
      redis.url,
      sipEnv(drachtio, uasPort, {
        MASQ_TRUNK_AUTH_USER: 'trunk',
        MASQ_TRUNK_AUTH_PASSWORD: 'trunk-secret-123',
        MASQ_TRUNK_AUTH_REALM: 'masq.test',
        MASQ_TRUNK_NUMBER_FORMAT: 'e164-no-plus',
        MASQ_TRUNK_SEND_PAI: 'true',
        MASQ_TRUNK_TRUST_PAI: 'true',
      }),
    );
    await waitReady(t.baseUrl);
    await t.api('POST', '/v1/pools', { id: 'trunk' });
    await t.api('POST', '/v1/pools/trunk/numbers', { numbers: ['+12025550100'] });
    const created = (await t.api('POST', '/v1/sessions', { poolId: 'trunk', firstParty: A, secondParty: B })).body;
    V = created.firstParty.proxyNumber;
    sessionId = created.id;
  }, 30_000);

  afterAll(async () => {
    await t?.stop();
    await drachtio?.stop();
    await redis?.stop();
  });

  it('challenges a trunk INVITE without credentials (401), rings nobody and records nothing', async () => {
    const callee = runSipp({ scenario: 'uas-answer.xml', localPort: uasPort, keys: { callee: B.slice(1) }, timeoutS: 2 });
    await waitUdpBound(uasPort);
    const caller = await runSipp({
      scenario: 'uac-unauthenticated-expect-401.xml',
      localPort: await freePort(),
      remote: `127.0.0.1:${drachtio.sipPort}`,
      service: V.slice(1),
      keys: { caller: A.slice(1) },
    }).done;
    expect(caller.code, caller.errors).toBe(0);
    expect(caller.messages).toMatch(/^WWW-Authenticate: Digest realm="masq\.test"/m);
    const far = await callee.done;
    expect(far.messages).not.toContain('INVITE');
    // Turned away before routing: no call record, the session's stats untouched.
    const s = (await t.api('GET', `/v1/sessions/${sessionId}`)).body;
    expect(s.stats.callCount).toBe(0);
    expect((await t.api('GET', `/v1/sessions/${sessionId}/calls`)).body.items).toEqual([]);
  });

  it('bridges an authenticated call with numbers without +, PAI out = the virtual number', async () => {
    const callee = runSipp({ scenario: 'uas-answer.xml', localPort: uasPort, keys: { callee: B.slice(1) } });
    await waitUdpBound(uasPort);
    const caller = await runSipp({
      scenario: 'uac-auth-masked-call-expect-200.xml',
      localPort: await freePort(),
      remote: `127.0.0.1:${drachtio.sipPort}`,
      service: V.slice(1),
      keys: { caller: A.slice(1) },
      extraArgs: ['-au', 'trunk', '-ap', 'trunk-secret-123'],
    }).done;
    const far = await callee.done;
    expect(caller.code, caller.errors).toBe(0);
    expect(far.code, far.errors).toBe(0);
    const v = V.slice(1);
    expect(far.messages).toMatch(new RegExp(`^INVITE sip:${B.slice(1)}@`, 'm'));
    expect(far.messages).toMatch(new RegExp(`^From: <sip:${v}@`, 'm'));
    expect(far.messages).toMatch(new RegExp(`^P-Asserted-Identity: <sip:${v}@`, 'm'));
    expect(far.messages).not.toContain(A.slice(1));
    expect(caller.messages).not.toContain(B.slice(1));
    expect(far.messages).not.toContain('Authorization');
  });
});
