import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const KEY = 'k'.repeat(20);
const SECRET = 's'.repeat(16);

describe('config', () => {
  it('applies defaults and freezes the result', () => {
    const c = loadConfig({ MASQ_API_KEYS: KEY, MASQ_DRACHTIO_SECRET: SECRET });
    expect(c.http).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.sessions.ttlDefaultS).toBe(14_400);
    expect(c.sessions.ttlMaxS).toBe(86_400);
    expect(c.sessions.tombstoneRetentionS).toBe(30 * 86_400);
    expect(c.defaultRegion).toBe('US');
    expect(Object.isFrozen(c) && Object.isFrozen(c.http)).toBe(true);
  });

  it('serves metrics by default, open; a metrics key needs 16 characters', () => {
    expect(loadConfig({ MASQ_API_KEYS: KEY, MASQ_DRACHTIO_SECRET: SECRET }).metrics).toEqual({ enabled: true, key: undefined });
    expect(loadConfig({ MASQ_API_KEYS: KEY, MASQ_DRACHTIO_SECRET: SECRET, MASQ_METRICS_ENABLED: 'false' }).metrics.enabled).toBe(false);
    expect(loadConfig({ MASQ_API_KEYS: KEY, MASQ_DRACHTIO_SECRET: SECRET, MASQ_METRICS_KEY: 'm'.repeat(16) }).metrics.key).toBe('m'.repeat(16));
    expect(() => loadConfig({ MASQ_API_KEYS: KEY, MASQ_DRACHTIO_SECRET: SECRET, MASQ_METRICS_KEY: 'short' })).toThrow(/MASQ_METRICS_KEY/);
  });

  it('refuses to start without keys unless explicitly insecure', () => {
    expect(() => loadConfig({})).toThrow(/MASQ_API_KEYS/);
    expect(loadConfig({ MASQ_INSECURE_NO_AUTH: 'true', MASQ_DRACHTIO_SECRET: SECRET }).auth).toEqual({ apiKeys: [], insecureNoAuth: true });
  });

  it('reports every problem in one message', () => {
    try {
      loadConfig({ MASQ_API_KEYS: 'short', MASQ_HTTP_PORT: 'x', MASQ_DEFAULT_REGION: 'ZZ', MASQ_REDIS_URL: 'http://x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const m = (err as Error).message;
      for (const k of ['MASQ_HTTP_PORT', 'MASQ_DEFAULT_REGION', 'MASQ_REDIS_URL', 'MASQ_API_KEYS']) expect(m).toContain(k);
    }
  });

  it('reads comma-separated keys', () => {
    expect(loadConfig({ MASQ_API_KEYS: ` ${KEY}, ${KEY}x ,`, MASQ_DRACHTIO_SECRET: SECRET }).auth.apiKeys).toEqual([KEY, `${KEY}x`]);
  });
});

describe('config cross-checks', () => {
  it('refuses drachtio’s well-known default secret (or none) unless a lab says so, and only with SIP on', () => {
    for (const secret of [undefined, 'cymru', 'short']) {
      expect(() => loadConfig({ MASQ_API_KEYS: KEY, ...(secret ? { MASQ_DRACHTIO_SECRET: secret } : {}) })).toThrow(/MASQ_DRACHTIO_SECRET: .*well-known default 'cymru'/);
    }
    expect(loadConfig({ MASQ_API_KEYS: KEY, MASQ_INSECURE_DRACHTIO_SECRET: 'true' }).sip.drachtio[0]?.secret).toBe('cymru');
    expect(loadConfig({ MASQ_API_KEYS: KEY, MASQ_SIP_ENABLED: 'false' }).sip.enabled).toBe(false);
    expect(loadConfig({ MASQ_API_KEYS: KEY, MASQ_DRACHTIO_SECRET: SECRET }).sip.drachtio[0]?.secret).toBe(SECRET);
  });

  it('attaches to one drachtio-server by host and port, or to a list of them (MASQ_DRACHTIO)', () => {
    const base = { MASQ_API_KEYS: KEY, MASQ_DRACHTIO_SECRET: SECRET };
    expect(loadConfig({ ...base, MASQ_DRACHTIO_HOST: 'sip1', MASQ_DRACHTIO_PORT: '9023' }).sip.drachtio).toEqual([{ host: 'sip1', port: 9023, secret: SECRET }]);
    expect(loadConfig({ ...base, MASQ_DRACHTIO: 'sip1:9022, [::1]:9023 ,10.0.0.2:9022', MASQ_DRACHTIO_HOST: 'ignored' }).sip.drachtio).toEqual([
      { host: 'sip1', port: 9022, secret: SECRET },
      { host: '::1', port: 9023, secret: SECRET },
      { host: '10.0.0.2', port: 9022, secret: SECRET },
    ]);
    expect(() => loadConfig({ ...base, MASQ_DRACHTIO: 'sip1' })).toThrow(/MASQ_DRACHTIO: not host:port .*sip1/);
    expect(() => loadConfig({ ...base, MASQ_DRACHTIO: 'sip1:99999' })).toThrow(/MASQ_DRACHTIO: not host:port/);
    expect(() => loadConfig({ ...base, MASQ_DRACHTIO: ' , ' })).toThrow(/MASQ_DRACHTIO: list at least one/);
    expect(() => loadConfig({ ...base, MASQ_DRACHTIO: 'sip1:9022,sip1:9022' })).toThrow(/MASQ_DRACHTIO: lists a drachtio-server twice/);
  });

  it('wants both outbound credentials or neither', () => {
    expect(() => loadConfig({ MASQ_API_KEYS: KEY, MASQ_DRACHTIO_SECRET: SECRET, MASQ_TRUNK_OUTBOUND_AUTH_USER: 'u' })).toThrow(/MASQ_TRUNK_OUTBOUND_AUTH_USER/);
    const c = loadConfig({ MASQ_API_KEYS: KEY, MASQ_DRACHTIO_SECRET: SECRET, MASQ_TRUNK_OUTBOUND_AUTH_USER: 'u', MASQ_TRUNK_OUTBOUND_AUTH_PASSWORD: 'p' });
    expect(c.sip.trunk.outboundAuth).toEqual({ username: 'u', password: 'p' });
  });

  it('keeps events 7 days by default, and at least a day: webhook retries run up to 24 h', () => {
    const base = { MASQ_API_KEYS: KEY, MASQ_DRACHTIO_SECRET: SECRET };
    expect(loadConfig(base).sessions.eventRetentionS).toBe(604_800);
    expect(loadConfig({ ...base, MASQ_EVENT_RETENTION_S: '86400' }).sessions.eventRetentionS).toBe(86_400);
    for (const tooShort of ['86399', '3600', '0']) {
      expect(() => loadConfig({ ...base, MASQ_EVENT_RETENTION_S: tooShort })).toThrow(/MASQ_EVENT_RETENTION_S: at least 86400 \(1 day\): webhook retries/);
    }
    expect(() => loadConfig({ ...base, MASQ_EVENT_RETENTION_S: '2.5' })).toThrow(/MASQ_EVENT_RETENTION_S/);
  });

  it('keeps events at least as long as webhook retries run, while webhooks are on', () => {
    const base = { MASQ_API_KEYS: KEY, MASQ_DRACHTIO_SECRET: SECRET, MASQ_WEBHOOK_MAX_AGE_S: '172800' };
    expect(() => loadConfig({ ...base, MASQ_EVENT_RETENTION_S: '100000' })).toThrow(
      /MASQ_EVENT_RETENTION_S: at least MASQ_WEBHOOK_MAX_AGE_S \(172800\): webhook retries read their events/,
    );
    expect(loadConfig({ ...base, MASQ_EVENT_RETENTION_S: '172800' }).sessions.eventRetentionS).toBe(172_800);
    expect(loadConfig({ ...base }).sessions.eventRetentionS).toBe(604_800);
    expect(loadConfig({ ...base, MASQ_EVENT_RETENTION_S: '100000', MASQ_WEBHOOK_ENABLED: 'false' }).sessions.eventRetentionS).toBe(100_000);
  });

  it('refuses a default TTL above the maximum', () => {
    expect(() => loadConfig({ MASQ_API_KEYS: KEY, MASQ_DRACHTIO_SECRET: SECRET, MASQ_SESSION_TTL_DEFAULT_S: '100', MASQ_SESSION_TTL_MAX_S: '10' })).toThrow(
      /MASQ_SESSION_TTL_DEFAULT_S: must not exceed/,
    );
  });
});

describe('config: Redis Sentinel', () => {
  const base = { MASQ_API_KEYS: KEY, MASQ_DRACHTIO_SECRET: SECRET };

  it('is off without MASQ_REDIS_SENTINELS', () => {
    expect(loadConfig(base).redis.sentinels).toBeUndefined();
    expect(loadConfig({ ...base, MASQ_REDIS_SENTINELS: ' , ' }).redis.sentinels).toBeUndefined();
  });

  it('reads the sentinels (IPv6 in brackets), the master name, their password and TLS', () => {
    const c = loadConfig({
      ...base,
      MASQ_REDIS_URL: 'rediss://:data-pw@ignored.example:6379/2',
      MASQ_REDIS_SENTINELS: 'sentinel-a.example:26379, 10.0.0.2:26380,[fd00::3]:26381',
      MASQ_REDIS_SENTINEL_NAME: 'masq-main',
      MASQ_REDIS_SENTINEL_PASSWORD: 'sentinel-pw',
      MASQ_REDIS_SENTINEL_TLS: 'true',
    });
    expect(c.redis).toEqual({
      url: 'rediss://:data-pw@ignored.example:6379/2',
      prefix: 'masq:',
      commandTimeoutMs: 1500,
      sentinels: {
        nodes: [
          { host: 'sentinel-a.example', port: 26379 },
          { host: '10.0.0.2', port: 26380 },
          { host: 'fd00::3', port: 26381 },
        ],
        name: 'masq-main',
        password: 'sentinel-pw',
        tls: true,
      },
    });
    expect(Object.isFrozen(c.redis.sentinels?.nodes[0])).toBe(true);
  });

  it('defaults the master name to mymaster, no sentinel password, no TLS to the sentinels', () => {
    expect(loadConfig({ ...base, MASQ_REDIS_SENTINELS: '127.0.0.1:26379' }).redis.sentinels).toEqual({
      nodes: [{ host: '127.0.0.1', port: 26379 }],
      name: 'mymaster',
      password: undefined,
      tls: false,
    });
  });

  it('names every bad entry, and a bad master name, in one message', () => {
    try {
      loadConfig({ ...base, MASQ_REDIS_SENTINELS: '10.0.0.1,fd00::3:26379,host:0,host:70000,ok:26379', MASQ_REDIS_SENTINEL_NAME: 'my master', MASQ_REDIS_SENTINEL_TLS: 'maybe' });
      expect.unreachable();
    } catch (err) {
      const m = (err as Error).message;
      for (const bad of ['10.0.0.1', 'fd00::3:26379', 'host:0', 'host:70000']) expect(m).toContain(`not host:port (IPv6 in brackets, [::1]:26379): ${bad}`);
      expect(m).not.toContain('ok:26379');
      expect(m).toContain('MASQ_REDIS_SENTINEL_NAME');
      expect(m).toContain('MASQ_REDIS_SENTINEL_TLS');
    }
  });
});
