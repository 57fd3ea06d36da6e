import { describe, expect, it } from 'vitest';
import { StoreUnavailable } from '../../src/errors.js';
import { describeRedis, sentinelOptions, toStoreError } from '../../src/store/redis.js';
import type { RedisSentinels } from '../../src/config.js';

const sentinels: RedisSentinels = {
  nodes: [
    { host: '10.0.0.1', port: 26379 },
    { host: '::1', port: 26380 },
  ],
  name: 'masq-main',
  password: 'sentinel-secret',
  tls: false,
};

describe('sentinel options', () => {
  it('take the data nodes’ credentials and db from the URL, never its host', () => {
    const o = sentinelOptions('redis://masq:data%40secret@old-primary.example:6379/3', sentinels, 1500);
    expect(o).toMatchObject({
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'masq-main',
      role: 'master',
      username: 'masq',
      password: 'data@secret',
      db: 3,
      sentinelPassword: 'sentinel-secret',
      sentinelCommandTimeout: 1500,
    });
    expect(o).not.toHaveProperty('host');
    expect(o).not.toHaveProperty('port');
    expect(o).not.toHaveProperty('tls');
    expect(o).not.toHaveProperty('sentinelTLS');
  });

  it('use TLS to the data nodes for rediss:, and to the sentinels when asked', () => {
    expect(sentinelOptions('rediss://:pw@x', sentinels, 1500)).toMatchObject({ tls: {}, enableTLSForSentinelMode: true });
    expect(sentinelOptions('rediss://:pw@x', sentinels, 1500)).not.toHaveProperty('sentinelTLS');
    const toSentinels = sentinelOptions('redis://x', { ...sentinels, tls: true }, 1500);
    expect(toSentinels).toMatchObject({ sentinelTLS: {} });
    expect(toSentinels).not.toHaveProperty('tls');
    expect(toSentinels).not.toHaveProperty('enableTLSForSentinelMode');
  });

  it('keep retrying the sentinels, and leave the failover detector off', () => {
    const o = sentinelOptions('redis://x', { ...sentinels, password: undefined }, 1500);
    expect(o).not.toHaveProperty('sentinelPassword');
    expect(o.sentinelRetryStrategy?.(1)).toBe(100);
    expect(o.sentinelRetryStrategy?.(50)).toBe(1000);
    expect(o.failoverDetector).toBeUndefined();
  });
});

describe('where the log says Redis is', () => {
  it('is the URL without its password, or the master’s name and its sentinels', () => {
    expect(describeRedis({ url: 'redis://:s3cret@db:6379/0' })).toBe('redis://:***@db:6379/0');
    expect(describeRedis({ url: 'redis://:s3cret@db:6379/0', sentinels })).toBe('masq-main via sentinels 10.0.0.1:26379,[::1]:26380');
  });
});

describe('a failover’s replies', () => {
  const reply = (message: string) => Object.assign(new Error(message), { name: 'ReplyError' });

  it('are the store being unavailable (503), not a failed script', () => {
    for (const m of [
      'READONLY You can\'t write against a read only replica.',
      'MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to \'no\'.',
      'NOREPLICAS Not enough good replicas to write. script: 67ed14c1, on @user_script:1.',
      'LOADING Redis is loading the dataset in memory',
    ]) {
      expect(toStoreError(reply(m)), m).toBeInstanceOf(StoreUnavailable);
    }
    const scriptBug = reply('ERR user_script:3: attempt to compare nil with number');
    expect(toStoreError(scriptBug)).toBe(scriptBug);
  });
});
