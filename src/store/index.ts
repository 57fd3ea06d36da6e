/** Builds the store facade over one Redis connection. */
import type { Redis } from 'ioredis';
import { createKeys, DEFAULT_EVENT_RETENTION_S } from './keys.js';
import { loadScripts } from './scripts.js';
import type { StoreLimits } from './context.js';
import { PoolStore } from './pools.js';
import { SessionStore } from './sessions.js';
import { CallStore } from './calls.js';
import { EventStore } from './events.js';
import { DeliveryStore } from './deliveries.js';
import { RecordingStore } from './recordings.js';
import { NonceStore } from './nonces.js';
import { PromptStore } from './prompts.js';
import { RoutingDecisionStore } from './routing-decisions.js';
import { guard } from './context.js';

export interface Store {
  pools: PoolStore;
  sessions: SessionStore;
  calls: CallStore;
  /** Recording outcomes; the media layer reports through it. */
  recordings: RecordingStore;
  events: EventStore;
  deliveries: DeliveryStore;
  /** Digest nonces that have served (trunk authentication). */
  nonces: NonceStore;
  /** Prompt audio and who refers to it. */
  prompts: PromptStore;
  /** The routing callback's recent decisions. */
  routing: RoutingDecisionStore;
  /** Round-trips to Redis; rejects with StoreUnavailable when it cannot. */
  ping(): Promise<void>;
}

/**
 * @example const store = createStore({ redis, prefix: 'masq:', limits: { ttlMaxS: 86400, tombstoneRetentionS: 2592000 } });
 */
export function createStore(opts: { redis: Redis; prefix: string; limits: StoreLimits }): Store {
  // The retention is part of the scripts' text: each append trims the log itself.
  const scripts = loadScripts({ eventRetentionMs: (opts.limits.eventRetentionS ?? DEFAULT_EVENT_RETENTION_S) * 1000 });
  const ctx = { redis: opts.redis, prefix: opts.prefix, keys: createKeys(opts.prefix), scripts, limits: opts.limits };
  return {
    pools: new PoolStore(ctx),
    sessions: new SessionStore(ctx),
    calls: new CallStore(ctx),
    recordings: new RecordingStore(ctx),
    events: new EventStore(ctx),
    deliveries: new DeliveryStore(ctx),
    nonces: new NonceStore(ctx),
    prompts: new PromptStore(ctx),
    routing: new RoutingDecisionStore(ctx),
    ping: async () => {
      await guard(() => opts.redis.ping());
    },
  };
}
