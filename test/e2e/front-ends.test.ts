/**
 * One Masq instance attached to two drachtio-servers at once (MASQ_DRACHTIO): both
 * carry calls; when one is killed mid-load the other keeps every call it carries,
 * the calls lost with the dead one are closed in their records, /readyz stays
 * ready, request-a-call goes out through the survivor, and the dead one is taken
 * back by itself once it returns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDrachtio, startDrachtio, type DrachtioServer } from '../helpers/drachtio.js';
import { freePort, waitUdpBound } from '../helpers/ports.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { runSipp } from '../helpers/sipp.js';
import { sipEnv, startApp, waitReady, type TestApp } from '../helpers/app.js';
import { scrape, valueOf } from '../helpers/metrics.js';
import { OUTAGE_REPEAT_MS } from '../../src/outage-log.js';

const found = findDrachtio();
// Two servers of its own: attached to one that runs already (MASQ_TEST_DRACHTIO), there is no second.
const bin = found === 'attached' ? undefined : found;
if (!found) console.warn('\n*** e2e SKIPPED (two drachtio-servers): no drachtio-server binary (DRACHTIO_BIN or PATH) ***\n');
else if (!bin) console.warn('\n*** e2e SKIPPED (two drachtio-servers): MASQ_TEST_DRACHTIO names one running server; this test starts two of its own ***\n');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Calls each caller places under load: 10/s, each talking 1.5 s. */
const LOAD_CALLS = 30;

describe.skipIf(!bin)('two drachtio-servers', () => {
  let redis: RedisServer;
  const fronts: DrachtioServer[] = [];
  let app: TestApp;
  let uasPort: number;
  const name = (d: DrachtioServer) => `127.0.0.1:${d.adminPort}`;

  beforeAll(async () => {
    redis = await startRedis();
    for (let i = 0; i < 2; i++) fronts.push(await startDrachtio(bin as string));
    uasPort = await freePort();
    app = await startApp(redis.url, sipEnv(fronts[0] as DrachtioServer, uasPort, { MASQ_DRACHTIO: fronts.map(name).join(','), MASQ_RING_TIMEOUT_S: '10' }));
    await waitReady(app.baseUrl);
    await until('both front ends attached', async () => {
      const body = (await (await fetch(`${app.baseUrl}/readyz`)).json()) as { drachtio?: { status: string }[] };
      return body.drachtio?.every((d) => d.status === 'up') ? true : undefined;
    });
    await app.api('POST', '/v1/pools', { id: 'fronts' });
    await app.api('POST', '/v1/pools/fronts/numbers', { numbers: ['+12025550100', '+12025550101', '+12025550102'] });
  }, 30_000);

  afterAll(async () => {
    await app?.stop();
    for (const d of fronts) await d.stop();
    await redis?.stop();
  });

  const session = async (i: number, callTimeLimitSeconds = 60) => {
    const r = await app.api('POST', '/v1/sessions', { poolId: 'fronts', firstParty: `+1415555${2100 + i}`, secondParty: `+1212555${2100 + i}`, callTimeLimitSeconds });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; firstParty: { number: string; proxyNumber: string } };
  };
  const callsOf = async (id: string) => (await app.api('GET', `/v1/sessions/${id}/calls?limit=100`)).body.items as Record<string, unknown>[];
  const callThrough = (d: DrachtioServer, s: { firstParty: { number: string; proxyNumber: string } }, extra: { calls: number; rate?: number }) =>
    freePort().then(
      (port) =>
        runSipp({
          scenario: 'uac-talk-expect-200.xml',
          localPort: port,
          remote: `127.0.0.1:${d.sipPort}`,
          service: s.firstParty.proxyNumber,
          keys: { caller: s.firstParty.number },
          calls: extra.calls,
          limit: extra.calls,
          timeoutS: 12,
          trace: false,
          extraArgs: ['-d', '1500', '-r', String(extra.rate ?? 10)],
        }).done,
    );

  it('keeps every call of the surviving front end when the other dies mid-load, and closes the records of the calls lost with it', async () => {
    const [one, two] = fronts as [DrachtioServer, DrachtioServer];
    const viaOne = await session(1);
    const viaTwo = await session(2);
    const far = runSipp({ scenario: 'uas-answer.xml', localPort: uasPort, calls: 2 * LOAD_CALLS, limit: 2 * LOAD_CALLS, timeoutS: 40, trace: false, keys: { callee: '+10000000000' } });
    await waitUdpBound(uasPort);

    const callersDone = [callThrough(one, viaOne, { calls: LOAD_CALLS }), callThrough(two, viaTwo, { calls: LOAD_CALLS })];
    // Mid-load: some calls through the first are talking, more are still to come.
    await sleep(1500);
    const talkingOnOne = (await callsOf(viaOne.id)).filter((c) => c.endedAt === null).length;
    await one.kill();
    const killedAt = Date.now();
    const [callerOne, callerTwo] = await Promise.all(callersDone);
    // The far end waits in vain for the BYEs of the calls lost with the dead front end: stop it.
    if (far.pid) process.kill(far.pid, 'SIGTERM');
    await far.done;

    // The survivor carried all of its calls.
    expect(callerTwo?.code, callerTwo?.errors).toBe(0);
    const carried = await callsOf(viaTwo.id);
    expect(carried).toHaveLength(LOAD_CALLS);
    expect(carried.every((c) => c.state === 'completed' && c.hungUpBy === 'caller')).toBe(true);

    // The dead one's callers failed (it is gone), and none of its calls is left open in the records.
    expect(callerOne?.code).not.toBe(0);
    expect(talkingOnOne).toBeGreaterThan(0);
    const lost = await until('the lost calls to be closed', async () => {
      const calls = await callsOf(viaOne.id);
      return calls.every((c) => c.endedAt !== null) ? calls : undefined;
    });
    const lostWithIt = lost.filter((c) => c.endReason === 'front-end-lost');
    expect(lostWithIt.length).toBeGreaterThan(0);
    for (const c of lostWithIt) expect(c).toMatchObject({ hungUpBy: 'masq' });
    expect(Date.parse(lostWithIt[0]?.endedAt as string) - killedAt).toBeLessThan(5000);

    // Still ready (one front end is enough); the dead one is named, and counted as down.
    const ready = await fetch(`${app.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { drachtio: { name: string; status: string }[] };
    expect(body.drachtio).toEqual([
      { name: name(one), status: 'down' },
      { name: name(two), status: 'up' },
    ]);
    const samples = await scrape(app.baseUrl);
    expect(valueOf(samples, 'masq_drachtio_connected', { server: name(one) })).toBe(0);
    expect(valueOf(samples, 'masq_drachtio_connected', { server: name(two) })).toBe(1);
    // One voice for the outage, repeated every few seconds, not one line per reconnect attempt (every ≤ 2 s).
    const outageLines = app.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith(`drachtio-server unreachable at ${name(one)}`));
    expect(outageLines.length).toBeGreaterThan(0);
    expect(outageLines.length).toBeLessThanOrEqual(Math.ceil((Date.now() - killedAt) / OUTAGE_REPEAT_MS) + 1);
  }, 90_000);

  it('places a request-a-call through the surviving front end', async () => {
    const s = await session(3, 2);
    const far = runSipp({ scenario: 'uas-requested-legs.xml', localPort: uasPort, calls: 2, limit: 2, timeoutS: 30, keys: { callee: '+10000000000' } });
    await waitUdpBound(uasPort);
    const r = await app.api('POST', `/v1/sessions/${s.id}/calls`, { to: 'firstParty' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const call = await until('the request-a-call to end', async () => {
      const [c] = await callsOf(s.id);
      return c?.endedAt ? c : undefined;
    }, 20_000);
    expect(call).toMatchObject({ direction: 'request-a-call', state: 'completed', endReason: 'time-limit', firstLeg: 'firstParty', failedLeg: null });
    expect((await far.done).code).toBe(0);
  }, 40_000);

  it('takes the dead front end back by itself when it returns, and carries calls through it again', async () => {
    const [one] = fronts as [DrachtioServer];
    await one.restart();
    await until('the first front end attached again', async () => {
      const body = (await (await fetch(`${app.baseUrl}/readyz`)).json()) as { drachtio: { status: string }[] };
      return body.drachtio[0]?.status === 'up' ? true : undefined;
    });
    const s = await session(4);
    const far = runSipp({ scenario: 'uas-answer.xml', localPort: uasPort, calls: 2, limit: 2, timeoutS: 20, trace: false, keys: { callee: '+10000000000' } });
    await waitUdpBound(uasPort);
    const caller = await callThrough(one, s, { calls: 2, rate: 5 });
    expect(caller?.code, caller?.errors).toBe(0);
    expect((await far.done).code).toBe(0);
    const calls = await callsOf(s.id);
    expect(calls.map((c) => c.state)).toEqual(['completed', 'completed']);
  }, 40_000);
});
