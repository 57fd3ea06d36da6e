/** What every store module needs, built once in createStore. */
import type { Redis } from 'ioredis';
import type { Keys } from './keys.js';
import type { Scripts } from './scripts.js';
import { toStoreError } from './redis.js';

export interface StoreLimits {
  ttlMaxS: number;
  tombstoneRetentionS: number;
  /** Retention of call records that matched no session (default: tombstoneRetentionS). */
  unmatchedCallRetentionS?: number;
  /** How long events stay in the log; each append trims older ones (default DEFAULT_EVENT_RETENTION_S). */
  eventRetentionS?: number;
}

export interface StoreContext {
  redis: Redis;
  prefix: string;
  keys: Keys;
  scripts: Scripts;
  limits: StoreLimits;
}

/**
 * Runs a Redis operation and turns connection failures into StoreUnavailable (503).
 *
 * @example const h = await guard(() => redis.hgetall(key));
 */
export async function guard<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw toStoreError(err);
  }
}
