/** Reading the event log (the outbox stream) back: per session, or all, newest first. */
import { isSessionId } from '../masking/ids.js';
import { parseEntry, type StoredEvent } from '../masking/event-codec.js';
import { guard, type StoreContext } from './context.js';

type Entry = [string, string[]];

/** Reads of the event log (the outbox), by session or across sessions. */
export class EventStore {
  constructor(private readonly ctx: StoreContext) {}

  /** The log's full Redis key (the live tail reads it on its own connection). */
  get streamKey(): string {
    return this.ctx.keys.events();
  }

  /** A session's latest events (while the log holds them), newest first. */
  async forSession(sessionId: string, limit: number): Promise<StoredEvent[]> {
    if (!isSessionId(sessionId)) return [];
    const rows = (await guard(() => this.ctx.scripts.events_chain.run(this.ctx.redis, this.ctx.prefix, [sessionId, limit]))) as Entry[];
    return rows.map(parseEntry).filter((e): e is StoredEvent => e !== undefined);
  }

  /** All events newer-first, before `cursor` (an event id) when given. */
  async recent(limit: number, cursor: string | undefined): Promise<{ items: StoredEvent[]; nextCursor: string | null }> {
    const { redis, keys } = this.ctx;
    const rows = await guard(() => redis.xrevrange(keys.events(), cursor ? `(${cursor}` : '+', '-', 'COUNT', limit));
    const items = rows.map((r) => parseEntry(r as Entry)).filter((e): e is StoredEvent => e !== undefined);
    return { items, nextCursor: rows.length === limit ? (rows[rows.length - 1]?.[0] ?? null) : null };
  }

  /** Events strictly after `id`, oldest first, at most `limit` (what a resuming stream replays). */
  async after(id: string, limit: number): Promise<StoredEvent[]> {
    const { redis, keys } = this.ctx;
    const rows = await guard(() => redis.xrange(keys.events(), `(${id}`, '+', 'COUNT', limit));
    return rows.map((r) => parseEntry(r as Entry)).filter((e): e is StoredEvent => e !== undefined);
  }
}
