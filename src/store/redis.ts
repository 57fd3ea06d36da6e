/**
 * The Redis connection: fails fast while Redis is away (no offline queue, bounded
 * command time) and reconnects by itself, so the API answers 503 within the
 * command timeout and recovers without a restart.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { StoreUnavailable } from '../errors.js';
import { createOutageLog, safeUrl } from '../outage-log.js';

export type { Redis };

export interface RedisOptions {
  url: string;
  commandTimeoutMs: number;
}

/**
 * Opens a client that never queues commands while disconnected.
 *
 * @example const redis = createRedis({ url: 'redis://127.0.0.1:6379', commandTimeoutMs: 1500 }, log);
 */
export function createRedis(opts: RedisOptions, log: Logger): Redis {
  const redis = new Redis(opts.url, {
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
    retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
    reconnectOnError: (err) => err.message.startsWith('READONLY'),
  });
  // Connection failures are said here, once every few seconds, with the URL and
  // the cause; the components whose commands fail meanwhile keep quiet about it.
  const url = safeUrl(opts.url);
  const outage = createOutageLog({ log, what: 'redis', where: url });
  let up = false;
  redis.on('ready', () => {
    up = true;
    if (outage.down) outage.recovered();
    else log.info({ url }, 'redis connected');
  });
  redis.on('error', (err: Error) => {
    if (up) log.warn({ err }, 'redis error');
    else outage.failed(err);
  });
  redis.on('end', () => log.info('redis connection closed'));
  redis.on('close', () => {
    if (up) log.warn({ url }, 'redis connection lost; reconnecting');
    up = false;
  });
  return redis;
}

const UNAVAILABLE_REPLIES = /^(LOADING|READONLY|MASTERDOWN|BUSY|TRYAGAIN|CLUSTERDOWN)/;
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
