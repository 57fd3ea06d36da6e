/**
 * Redis Sentinel over TLS, for real: a primary, its replica and three sentinels
 * that listen, replicate and announce over TLS (a throw-away CA), and Masq as an
 * operator runs it, pointed at the sentinels' TLS ports with
 * MASQ_REDIS_SENTINEL_TLS and a rediss:// URL, trusting the CA through
 * NODE_EXTRA_CA_CERTS. It serves, finds the new master after a failover, and
 * refuses a server whose certificate it cannot verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.js';
import { spawnMasq, type MasqProcess } from '../helpers/masq-process.js';
import { startSentinels, type SentinelSet } from '../helpers/redis-sentinel.js';
import { hasOpenssl, makeTestCerts, type TestCerts } from '../helpers/tls-certs.js';

const DATA_PASSWORD = 'data-pw-tls-4c1e';
const SENTINEL_PASSWORD = 'sentinel-pw-tls-9a02';
const KEY = 'k'.repeat(24);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const msg = (l: Record<string, unknown>) => String(l.msg ?? '');

if (!hasOpenssl()) console.warn('SKIPPED Redis Sentinel over TLS (test/integration/redis-sentinel-tls.test.ts): no openssl on PATH to make a test CA');

describe.skipIf(!hasOpenssl())('Redis Sentinel over TLS', () => {
  let certs: TestCerts;
  let set: SentinelSet;
  const started: MasqProcess[] = [];
  beforeAll(async () => {
    certs = makeTestCerts();
    set = await startSentinels({ password: DATA_PASSWORD, sentinelPassword: SENTINEL_PASSWORD, tls: certs });
  }, 60_000);
  afterAll(async () => {
    for (const m of started) await m.stop('SIGKILL');
    await set?.stop();
    certs?.remove();
  });

  async function masq(extra: Record<string, string>): Promise<{ m: MasqProcess; base: string }> {
    const port = await freePort();
    const m = spawnMasq({
      MASQ_HTTP_PORT: String(port),
      MASQ_API_KEYS: KEY,
      MASQ_SIP_ENABLED: 'false',
      MASQ_WEBHOOK_SECRET: 'w'.repeat(16),
      MASQ_LOG_LEVEL: 'info',
      // Only the credentials, db and scheme count: the sentinels name the master.
      MASQ_REDIS_URL: `rediss://:${DATA_PASSWORD}@127.0.0.1:1/3`,
      MASQ_REDIS_SENTINELS: set.tlsAddresses,
      MASQ_REDIS_SENTINEL_PASSWORD: SENTINEL_PASSWORD,
      MASQ_REDIS_SENTINEL_TLS: 'true',
      ...extra,
    });
    started.push(m);
    await m.waitFor((l) => msg(l) === 'http listening', 30_000);
    return { m, base: `http://127.0.0.1:${port}` };
  }
  const api = async (base: string, method: string, path: string, body?: unknown) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: r.status, body: (await r.json().catch(() => undefined)) as Record<string, unknown> | undefined };
  };
  const waitReady = async (base: string, ms: number) => {
    const until = Date.now() + ms;
    for (;;) {
      const s = await fetch(`${base}/readyz`).then((r) => r.status, () => 0);
      if (s === 200) return;
      if (Date.now() > until) throw new Error(`${base}/readyz not 200 within ${ms} ms (last ${s})`);
      await sleep(100);
    }
  };

  it('refuses a server whose certificate it cannot verify: not ready, and says why', async () => {
    const { m, base } = await masq({});
    const line = await m.waitFor((l) => msg(l).startsWith('redis unreachable'), 15_000);
    expect(msg(line)).toMatch(/certificate/i);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect(await m.stop('SIGTERM')).toBe(0);
  });

  it('serves through sentinels and data nodes over TLS, and follows a failover', async () => {
    const { m, base } = await masq({ NODE_EXTRA_CA_CERTS: certs.ca });
    await waitReady(base, 15_000);
    expect((await api(base, 'POST', '/v1/pools', { id: 'tls' })).status).toBe(201);
    const numbers = ['+15035550700', '+15035550701', '+15035550702'];
    expect((await api(base, 'POST', '/v1/pools/tls/numbers', { numbers })).body).toMatchObject({ added: 3 });
    const created = await api(base, 'POST', '/v1/sessions', { poolId: 'tls', firstParty: '+14155550700', secondParty: '+12125550700' });
    expect(created.status).toBe(201);
    const id = created.body?.id as string;
    // It was written where the sentinels say the master is, in db 3.
    const db = await set.masterClient();
    await db.select(3);
    expect(await db.exists(`masq:ses:${id}`)).toBe(1);

    const oldMaster = await set.masterPort();
    await set.primary.kill();
    const newMaster = await set.waitFailover(oldMaster, 30_000);
    expect(newMaster).toBe(set.replica.tlsPort);
    // Served again by itself, over TLS to the new master: the session is there, and a new one is taken.
    const until = Date.now() + 20_000;
    let again = await api(base, 'GET', `/v1/sessions/${id}`).catch(() => ({ status: 0, body: undefined }));
    while (again.status !== 200 && Date.now() < until) {
      await sleep(200);
      again = await api(base, 'GET', `/v1/sessions/${id}`).catch(() => ({ status: 0, body: undefined }));
    }
    expect(again.status).toBe(200);
    expect((await api(base, 'POST', '/v1/sessions', { poolId: 'tls', firstParty: '+14155550701', secondParty: '+12125550701' })).status).toBe(201);
    expect(m.output()).not.toMatch(/\+1415555070|\+1212555070/);
    expect(await m.stop('SIGTERM')).toBe(0);
  }, 90_000);
});
