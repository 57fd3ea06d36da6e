/**
 * The Redis connection: fails fast while Redis is away (no offline queue, bounded
 * command time) and reconnects by itself, so the API answers 503 within the
 * command timeout and recovers without a restart.
 */
import { Redis, type RedisOptions as IoRedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';
import type { RedisSentinels } from '../config-types.js';
import { StoreUnavailable } from '../errors.js';
import { createOutageLog, safeUrl } from '../outage-log.js';
import { sentinelDiagnosis } from './sentinel-probe.js';

export type { Redis };

export interface RedisOptions {
  /** The data node; with sentinels, only its credentials, db and scheme (rediss: TLS) are used. */
  url: string;
  commandTimeoutMs: number;
  /** Sentinel mode: the master is asked of the sentinels, and asked again after every disconnect. */
  sentinels?: RedisSentinels | undefined;
}

const reconnectDelay = (attempt: number): number => Math.min(100 * attempt, 1000);

/**
 * How long a connection may answer nothing while commands wait before it is
 * dropped and reopened: well above the command timeout, so only a dead or hung
 * peer trips it. A connection that blocks on purpose (XREAD BLOCK) sets its own.
 */
const socketTimeoutMs = (commandTimeoutMs: number): number => Math.max(3 * commandTimeoutMs, 5000);

/**
 * Where the log says Redis is: the URL (password hidden), or in sentinel mode the
 * master's name and the sentinels asked for it (no password in either).
 *
 * @example describeRedis({ url, sentinels: { name: 'mymaster', nodes: [{ host: '10.0.0.1', port: 26379 }], password: undefined, tls: false } })
 *   // 'mymaster via sentinels 10.0.0.1:26379'
 */
export function describeRedis(opts: Pick<RedisOptions, 'url' | 'sentinels'>): string {
  const s = opts.sentinels;
  if (!s) return safeUrl(opts.url);
  const nodes = s.nodes.map((n) => `${n.host.includes(':') ? `[${n.host}]` : n.host}:${n.port}`);
  return `${s.name} via sentinels ${nodes.join(',')}`;
}

/**
 * ioredis' sentinel options. MASQ_REDIS_URL gives the data nodes' credentials, db
 * and TLS; its host is not used (the sentinels name the master).
 *
 * @example sentinelOptions('rediss://:pw@ignored/2', { nodes, name: 'mymaster', password: 'spw', tls: true }, 1500)
 *   // { sentinels, name: 'mymaster', role: 'master', password: 'pw', db: 2, sentinelPassword: 'spw', tls: {}, enableTLSForSentinelMode: true, sentinelTLS: {}, … }
 */
export function sentinelOptions(url: string, s: RedisSentinels, commandTimeoutMs: number): IoRedisOptions {
  const u = new URL(url);
  const db = Number(u.pathname.slice(1) || 0);
  return {
    sentinels: s.nodes.map((n) => ({ host: n.host, port: n.port })),
    name: s.name,
    role: 'master',
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(Number.isInteger(db) && db > 0 ? { db } : {}),
    ...(s.password ? { sentinelPassword: s.password } : {}),
    // ioredis' names are easy to misread: enableTLSForSentinelMode is TLS to the
    // master it resolved (the data node), sentinelTLS is TLS to the sentinels.
    ...(u.protocol === 'rediss:' ? { tls: {}, enableTLSForSentinelMode: true } : {}),
    ...(s.tls ? { sentinelTLS: {} } : {}),
    // Every sentinel unreachable: ask them again, soon, forever (like the data node).
    sentinelRetryStrategy: reconnectDelay,
    sentinelCommandTimeout: commandTimeoutMs,
    // Not ioredis' failoverDetector: in 5.11 a +switch-master that arrives while
    // the client is asking a sentinel for the master ends the client for good
    // (status "end", no more reconnects); under load that happened in 3 failovers
    // of 10. A primary that is gone is left anyway (its connection drops; one
    // that hangs is dropped by socketTimeout), and a demoted one closes its
    // clients' connections itself (and answers writes READONLY).
  };
}

/**
 * Opens a client that never queues commands while disconnected. With
 * `sentinels`, it asks them for the master and follows it through failovers;
 * `redis.duplicate()` keeps that.
 *
 * @example const redis = createRedis({ url: 'redis://127.0.0.1:6379', commandTimeoutMs: 1500 }, log);
 * @example createRedis({ url: 'rediss://:pw@x', commandTimeoutMs: 1500, sentinels: { nodes, name: 'mymaster', password: undefined, tls: false } }, log);
 */
export function createRedis(opts: RedisOptions, log: Logger): Redis {
  const common: IoRedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: opts.commandTimeoutMs,
    connectTimeout: Math.max(opts.commandTimeoutMs, 1000),
    // Off on purpose: auto-pipelining holds every command until the event loop's
    // check phase, so under load a request waits for all pending I/O callbacks
    // before its one script even leaves. Measured with 16 connections: POST
    // /v1/sessions 5,800–6,100/s without it, 4,100–4,500/s with it; 1 connection:
    // 1,730–1,830/s vs 1,500–1,630/s. Each request sends one command anyway.
    enableAutoPipelining: false,
    retryStrategy: reconnectDelay,
    // A connection that answers nothing for this long while commands wait is
    // dropped and opened again: a Redis that hangs, or a peer that vanished
    // without a reset (a partition, a lost NAT entry), is not waited on forever.
    socketTimeout: socketTimeoutMs(opts.commandTimeoutMs),
    // A demoted primary answers writes READONLY: reconnect (in sentinel mode, to
    // whatever the sentinels now call the master).
    reconnectOnError: (err) => err.message.startsWith('READONLY'),
  };
  const redis = opts.sentinels
    ? new Redis({ ...common, ...sentinelOptions(opts.url, opts.sentinels, opts.commandTimeoutMs) })
    : new Redis(opts.url, common);
  // Connection failures are said here, once every few seconds, with where Redis
  // was looked for and the cause; the components whose commands fail meanwhile
  // keep quiet about it.
  const url = describeRedis(opts);
  const outage = createOutageLog({ log, what: 'redis', where: url });
  let up = false;
  let master: string | undefined;
  redis.on('ready', () => {
    up = true;
    if (outage.down) outage.recovered();
    else log.info({ url }, 'redis connected');
    // After a failover, the operator wants to read where writes go now.
    const at = opts.sentinels && redis.stream ? `${redis.stream.remoteAddress}:${redis.stream.remotePort}` : undefined;
    if (at && at !== master) {
      if (master) log.warn({ url, master: at, was: master }, `redis master ${opts.sentinels?.name} is now ${at} (was ${master})`);
      else log.info({ url, master: at }, `redis master ${opts.sentinels?.name} is ${at}`);
      master = at;
    }
  });
  // ioredis hides why no sentinel answers; Masq looks for itself.
  const why = opts.sentinels ? sentinelDiagnosis(opts.sentinels, Math.max(opts.commandTimeoutMs, 1000)) : undefined;
  redis.on('error', (err: Error) => {
    if (up) log.warn({ err }, 'redis error');
    else if (!why) outage.failed(err);
    else
      void why.explain(err).then((e) => {
        if (!up) outage.failed(e);
      });
  });
  redis.on('end', () => log.info('redis connection closed'));
  redis.on('close', () => {
    if (up) log.warn({ url }, 'redis connection lost; reconnecting');
    up = false;
  });
  return redis;
}

// NOREPLICAS: a primary with min-replicas-to-write refuses writes while its replicas lag.
const UNAVAILABLE_REPLIES = /^(LOADING|READONLY|MASTERDOWN|NOREPLICAS|BUSY|TRYAGAIN|CLUSTERDOWN)/;
const CONNECTION_FAILURES =
  /Connection is closed|Stream isn't writeable|Command timed out|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH/;

/**
 * Turns a failure talking to Redis into StoreUnavailable; a genuine script or
 * programming error passes through unchanged.
 */
export function toStoreError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  if (err.name === 'MaxRetriesPerRequestError' || err.name === 'AbortError') return new StoreUnavailable(err.message);
  if (err.name === 'ReplyError') return UNAVAILABLE_REPLIES.test(err.message) ? new StoreUnavailable(err.message) : err;
  return CONNECTION_FAILURES.test(err.message) ? new StoreUnavailable(err.message) : err;
}

/**
 * Closes a connection politely (QUIT) when Redis answers, and at once when it
 * does not: shutdown must not wait on a Redis that is gone.
 */
export async function closeRedis(redis: Redis, ms = 1000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([redis.quit().then(() => undefined, () => undefined), gaveUp]);
  clearTimeout(timer);
  redis.disconnect();
}
