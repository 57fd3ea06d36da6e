/**
 * Two Masq instances attached to one drachtio-server, sharing one Redis: drachtio
 * spreads calls over both, and every call is routed and recorded, whichever
 * instance takes it (no call state lives only in one instance's memory).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDrachtio, startDrachtio, type DrachtioServer } from '../helpers/drachtio.js';
import { freePort, waitUdpBound } from '../helpers/ports.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { runSipp } from '../helpers/sipp.js';
import { sipEnv, startApp, waitReady, type TestApp } from '../helpers/app.js';

const bin = findDrachtio();
if (!bin) console.warn('\n*** e2e SKIPPED (two instances): no drachtio-server binary (DRACHTIO_BIN or PATH) ***\n');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!bin)('several instances', () => {
  let redis: RedisServer;
  let drachtio: DrachtioServer;
  const apps: TestApp[] = [];
  let uasPort: number;

  beforeAll(async () => {
    redis = await startRedis();
    drachtio = await startDrachtio(bin as string);
    uasPort = await freePort();
    for (let i = 0; i < 2; i++) {
      const app = await startApp(redis.url, sipEnv(drachtio, uasPort));
      await waitReady(app.baseUrl);
      apps.push(app);
    }
  }, 30_000);

  afterAll(async () => {
    for (const a of apps) await a.stop();
    await drachtio?.stop();
    await redis?.stop();
  });

  it('spreads calls over both instances; each call is routed and recorded', async () => {
    const [one, two] = apps as [TestApp, TestApp];
    await one.api('POST', '/v1/pools', { id: 'multi' });
    await one.api('POST', '/v1/pools/multi/numbers', { numbers: ['+12025550100'] });
    const sessions = [];
    for (let i = 0; i < 6; i++) {
      // Sessions created through either instance's API.
      const app = i % 2 ? two : one;
      const r = await app.api('POST', '/v1/sessions', { poolId: 'multi', firstParty: `+1415555${1100 + i}`, secondParty: `+1212555${1100 + i}` });
      sessions.push(r.body as { id: string; firstParty: { number: string; proxyNumber: string }; secondParty: { number: string } });
    }
    const callee = runSipp({ scenario: 'uas-answer.xml', localPort: uasPort, calls: 6, keys: { callee: '+12125551100' }, timeoutS: 30 });
    await waitUdpBound(uasPort);
    for (const s of sessions) {
      const caller = await runSipp({
        scenario: 'uac-masked-call-expect-200.xml',
        localPort: await freePort(),
        remote: `127.0.0.1:${drachtio.sipPort}`,
        service: s.firstParty.proxyNumber,
        keys: { caller: s.firstParty.number },
      }).done;
      expect(caller.code, caller.errors).toBe(0);
    }
    expect((await callee.done).code).toBe(0);
    await sleep(300);
    const handled = apps.map((a) => a.logs.filter((l) => l.msg === 'call ended').length);
    expect(handled[0]).toBeGreaterThan(0);
    expect(handled[1]).toBeGreaterThan(0);
    expect(handled[0]! + handled[1]!).toBe(6);
    for (const s of sessions) {
      const calls = (await two.api('GET', `/v1/sessions/${s.id}/calls`)).body.items;
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ state: 'completed', hungUpBy: 'caller' });
    }
  });
});
