/**
 * Start-up and shutdown as an operator sees them, with the real process: a Redis
 * or drachtio-server that refuses connections is named in one line, with its
 * address and the cause, at most every few seconds; shutting down while never
 * attached to drachtio-server is quiet, and no client holds it up.
 */
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.js';
import { spawnMasq, type MasqProcess } from '../helpers/masq-process.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

let masq: MasqProcess | undefined;
let redis: RedisServer | undefined;
afterEach(async () => {
  await masq?.stop('SIGKILL');
  await redis?.stop();
  masq = undefined;
  redis = undefined;
});

const msg = (l: Record<string, unknown>) => String(l.msg ?? '');

async function env(over: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    MASQ_HTTP_PORT: String(await freePort()),
    MASQ_API_KEYS: 'k'.repeat(24),
    MASQ_INSECURE_DRACHTIO_SECRET: 'true',
    MASQ_WEBHOOK_SECRET: 'w'.repeat(16),
    MASQ_LOG_LEVEL: 'info',
    ...over,
  };
}

describe('start-up with nothing to attach to', () => {
  it('names the unreachable Redis and drachtio-server once every few seconds, and shuts down quietly', async () => {
    const [redisPort, drachtioPort] = [await freePort(), await freePort()];
    masq = spawnMasq(await env({ MASQ_REDIS_URL: `redis://127.0.0.1:${redisPort}`, MASQ_DRACHTIO_PORT: String(drachtioPort) }));
    // A cold start compiles the sources first.
    await masq.waitFor((l) => msg(l) === 'http listening', 30_000);
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 7000));
    const elapsedS = (Date.now() - started) / 1000 + 1;

    const lines = masq.lines();
    const redisLines = lines.filter((l) => msg(l).startsWith('redis unreachable'));
    expect(msg(redisLines[0] ?? {})).toBe(`redis unreachable at redis://127.0.0.1:${redisPort}: ECONNREFUSED 127.0.0.1:${redisPort}; retrying`);
    // One line per 5 s at most (the first at once), from one component only.
    expect(redisLines.length).toBeGreaterThanOrEqual(2);
    expect(redisLines.length).toBeLessThanOrEqual(Math.ceil(elapsedS / 5) + 1);
    expect(new Set(redisLines.map((l) => l.component))).toEqual(new Set(['redis']));
    const sipLines = lines.filter((l) => msg(l).startsWith('drachtio-server unreachable'));
    expect(msg(sipLines[0] ?? {})).toBe(`drachtio-server unreachable at 127.0.0.1:${drachtioPort}: ECONNREFUSED 127.0.0.1:${drachtioPort}; retrying`);
    expect(sipLines.length).toBeLessThanOrEqual(Math.ceil(elapsedS / 5) + 1);
    // Nothing else talks about the outage: not the sweeper, the webhook worker nor ioredis' own words.
    expect(masq.output()).not.toContain("Stream isn't writeable");
    const warnings = lines.filter((l) => l.level === 'warn' || l.level === 'error');
    expect(warnings.filter((l) => !redisLines.includes(l) && !sipLines.includes(l))).toEqual([]);

    const code = await masq.stop('SIGINT');
    expect(code).toBe(0);
    const after = masq.lines().slice(masq.lines().findIndex((l) => msg(l) === 'shutting down'));
    expect(after.filter((l) => l.level === 'warn' || l.level === 'error' || l.level === 'fatal')).toEqual([]);
    expect(masq.output()).not.toMatch(/AssertionError|ERR_ASSERTION/);
    expect(after.map(msg)).toContain('stopped');
  });

  it('says when a late Redis comes up, and serves', async () => {
    const redisPort = await freePort();
    const e = await env({ MASQ_REDIS_URL: `redis://127.0.0.1:${redisPort}`, MASQ_SIP_ENABLED: 'false' });
    masq = spawnMasq(e);
    await masq.waitFor((l) => msg(l).startsWith('redis unreachable'), 30_000);
    redis = await startRedis({ port: redisPort });
    await masq.waitFor((l) => msg(l) === `redis reachable again at redis://127.0.0.1:${redisPort}`, 10_000);
    const res = await fetch(`http://127.0.0.1:${e.MASQ_HTTP_PORT}/readyz`);
    expect(res.status).toBe(200);
    expect(await masq.stop('SIGTERM')).toBe(0);
  });
});

describe('shutdown with clients still connected', () => {
  it('cuts a request still half-sent after a short grace instead of waiting on the client', async () => {
    redis = await startRedis();
    const e = await env({ MASQ_REDIS_URL: redis.url, MASQ_SIP_ENABLED: 'false' });
    masq = spawnMasq(e);
    await masq.waitFor((l) => msg(l) === 'http listening', 30_000);
    // A client that sent half its headers and went quiet (a slow or stuck proxy).
    const sock = connect(Number(e.MASQ_HTTP_PORT), '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    sock.write('GET /v1/pools HTTP/1.1\r\nHost: masq\r\n');
    const cut = new Promise<number>((r) => sock.once('close', () => r(Date.now())));
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const code = await masq.stop('SIGTERM', 30_000);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(6000);
    expect((await cut) - started).toBeLessThan(6000);
    expect(masq.lines().map(msg)).toContain('stopped');
    sock.destroy();
  });
});
