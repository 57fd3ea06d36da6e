/**
 * Start-up against a real drachtio-server that refuses our secret: one line every
 * few seconds says so and names the setting to fix; shutdown stays quiet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drachtioBin, warnIfNoDrachtio } from '../helpers/sip-stack.js';
import { startDrachtio, type DrachtioServer } from '../helpers/drachtio.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { spawnMasq } from '../helpers/masq-process.js';
import { freePort } from '../helpers/ports.js';

warnIfNoDrachtio('start-up against drachtio-server');

describe.skipIf(!drachtioBin)('start-up against drachtio-server', () => {
  let drachtio: DrachtioServer;
  let redis: RedisServer;
  beforeAll(async () => {
    drachtio = await startDrachtio(drachtioBin as string, { loglevel: 'warning' });
    redis = await startRedis();
  });
  afterAll(async () => {
    await drachtio?.stop();
    await redis?.stop();
  });

  it('a wrong secret is named with the setting to fix, at most every few seconds', async () => {
    const masq = spawnMasq({
      MASQ_HTTP_PORT: String(await freePort()),
      MASQ_API_KEYS: 'k'.repeat(24),
      MASQ_REDIS_URL: redis.url,
      MASQ_DRACHTIO_PORT: String(drachtio.adminPort),
      MASQ_DRACHTIO_SECRET: 'not-the-right-secret',
      MASQ_WEBHOOK_SECRET: 'w'.repeat(16),
    });
    try {
      const line = await masq.waitFor((l) => String(l.msg).startsWith('drachtio-server unreachable'), 30_000);
      expect(line.msg).toBe(`drachtio-server unreachable at 127.0.0.1:${drachtio.adminPort}: failed to authenticate to server (MASQ_DRACHTIO_SECRET must be its --secret); retrying`);
      await new Promise((r) => setTimeout(r, 4000));
      expect(masq.lines().filter((l) => String(l.msg).startsWith('drachtio-server unreachable')).length).toBe(1);
    } finally {
      expect(await masq.stop('SIGTERM')).toBe(0);
    }
    const after = masq.lines().slice(masq.lines().findIndex((l) => l.msg === 'shutting down'));
    expect(after.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  }, 60_000);
});
