/** Webhook delivery state in Redis: dispatch, claims with leases, settling, dead letters. */
import { parseEntry, type StoredEvent } from '../masking/event-codec.js';
import { guard, type StoreContext } from './context.js';
import type { ScriptArg, ScriptName } from './scripts.js';

export interface Claim {
  sessionId: string;
  eventId: string;
  /** Failed attempts so far. */
  attempts: number;
  /** When the first attempt failed (0 before any failure). */
  firstFailedAt: number;
  /** The event, or undefined when the log no longer holds it. */
  event: StoredEvent | undefined;
}

export interface DeadLetter {
  eventId: string;
  sessionId: string;
  attempts: number;
  lastError: string;
  deadAt: number;
  event: StoredEvent | undefined;
}

/** The delivery backlog, from counters (see wh_stats.lua). */
export interface DeliveryStats {
  /** Events in delivery queues: waiting, being retried or in flight. */
  pending: number;
  /** Sessions with at least one pending event. */
  sessionsWaiting: number;
  /** Pending events that have failed at least once. */
  retrying: number;
  /** Dead letters (given up after the maximum age). */
  dead: number;
  /** Age of the oldest pending event, ms; null when none is pending. */
  oldestPendingAgeMs: number | null;
  /** Log entries no dispatcher has read yet (no worker running, or falling behind). */
  undispatched: number;
}

export type Outcome = { kind: 'ok' } | { kind: 'retry'; nextAt: number; firstFailedAt: number; error: string } | { kind: 'dead'; error: string };

/** Webhook delivery state in Redis: dispatch, claim, settle, dead letters, backlog figures. */
export class DeliveryStore {
  constructor(private readonly ctx: StoreContext) {}

  private run(name: ScriptName, args: ScriptArg[]): Promise<unknown> {
    return guard(() => this.ctx.scripts[name].run(this.ctx.redis, this.ctx.prefix, args));
  }

  /** Moves up to `batch` new outbox entries into per-session queues; returns how many. */
  async dispatch(batch: number): Promise<number> {
    return Number(await this.run('wh_dispatch', [batch]));
  }

  /** Leases up to `limit` sessions whose head event is due. */
  async claim(limit: number, leaseMs: number): Promise<Claim[]> {
    const rows = (await this.run('wh_claim', [limit, leaseMs])) as [string, string, number, number, string[]][];
    return rows.map(([sessionId, eventId, attempts, firstFailedAt, fields]) => ({
      sessionId,
      eventId,
      attempts: Number(attempts),
      firstFailedAt: Number(firstFailedAt),
      event: fields.length ? parseEntry([eventId, fields]) : undefined,
    }));
  }

  /** Records what happened to a claimed event. */
  async settle(c: Claim, o: Outcome): Promise<void> {
    const args: ScriptArg[] =
      o.kind === 'retry'
        ? [c.sessionId, c.eventId, 'retry', o.nextAt, o.firstFailedAt, o.error]
        : [c.sessionId, c.eventId, o.kind, 0, c.firstFailedAt, o.kind === 'dead' ? o.error : ''];
    await this.run('wh_settle', args);
  }

  /** Backlog figures, in one atomic read whose cost does not grow with the backlog. */
  async stats(): Promise<DeliveryStats> {
    const [pending, sessionsWaiting, retrying, dead, oldest, undispatched, now] = (await this.run('wh_stats', [])) as [number, number, number, number, string, number, number];
    // Ages use Redis' clock, as the event times do.
    const oldestPendingAgeMs = oldest === '' ? null : Math.max(0, now - Number(oldest));
    return { pending, sessionsWaiting, retrying, dead, oldestPendingAgeMs, undispatched };
  }

  /** Dead letters, most recent first. */
  async dead(limit: number): Promise<DeadLetter[]> {
    const { redis, keys } = this.ctx;
    const ids = await guard(() => redis.zrevrange(keys.deadLetters(), 0, limit - 1));
    if (ids.length === 0) return [];
    const infos = await guard(() => redis.hmget(keys.deadLetterInfo(), ...ids));
    const rows = await guard(() => Promise.all(ids.map((id) => redis.xrange(keys.events(), id, id))));
    return ids.map((eventId, i) => {
      const info = JSON.parse(infos[i] ?? '{}') as { sessionId?: string; attempts?: number; lastError?: string; deadAt?: number };
      const row = rows[i]?.[0];
      return {
        eventId,
        sessionId: info.sessionId ?? '',
        attempts: info.attempts ?? 0,
        lastError: info.lastError ?? '',
        deadAt: info.deadAt ?? 0,
        event: row ? parseEntry(row as [string, string[]]) : undefined,
      };
    });
  }

  /** Queues a dead letter again; false when there is no such dead letter. */
  async retryDead(eventId: string): Promise<boolean> {
    return (await this.run('wh_dead_retry', [eventId])) === 'ok';
  }
}
