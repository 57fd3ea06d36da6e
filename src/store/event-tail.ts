/**
 * Follows the event log live for every server-sent-events client at once: one
 * blocking XREAD on its own connection (a blocking read would stall every other
 * command on a shared one), fanned out to the subscribers in memory, so a
 * hundred open consoles cost Redis one reader, not a hundred.
 */
import type { Redis } from 'ioredis';
import { parseEntry, type StoredEvent } from '../masking/event-codec.js';
import type { Logger } from '../logger.js';

type Entry = [string, string[]];

/** Resolves once `conn` is ready; rejects after `ms`. */
function ready(conn: Redis, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      conn.off('ready', onReady);
      reject(new Error('event stream connection not ready'));
    }, ms);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    conn.once('ready', onReady);
  });
}

/** Receives every event appended to the log after it subscribed, in log order. */
export type TailListener = (event: StoredEvent) => void;

export interface EventTailOptions {
  /** The app's connection; the tail opens its own duplicate of it for the blocking read. */
  redis: Redis;
  /** The full key of the event stream. */
  key: string;
  log: Logger;
  /** How long one XREAD blocks (ms). Kept under the connection's command timeout. */
  blockMs?: number;
}

/** Compares two stream ids (`ms-seq`) numerically: negative when a < b. */
export function compareEventIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map((x) => BigInt(x));
  const [bm = 0n, bs = 0n] = b.split('-').map((x) => BigInt(x));
  if (am !== bm) return am < bm ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}

/**
 * Starts reading when the first listener subscribes and stops when the last one
 * leaves. A Redis failure pauses the read and retries; listeners stay subscribed
 * and miss nothing that is still in the log when Redis answers again.
 *
 * @example const off = tail.subscribe((e) => res.write(frame(e))); req.on('close', off);
 */
export class EventTail {
  /** Each listener with what to call when the tail closes under it. */
  private readonly listeners = new Map<TailListener, () => void>();
  private conn: Redis | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  private readonly blockMs: number;

  constructor(private readonly opts: EventTailOptions) {
    this.blockMs = opts.blockMs ?? 5000;
  }

  /** Adds a listener (`onClose` runs if the tail shuts down first); returns the function that removes it. */
  subscribe(listener: TailListener, onClose: () => void = () => undefined): () => void {
    if (this.closed) {
      onClose();
      return () => undefined;
    }
    this.listeners.set(listener, onClose);
    this.ensureRunning();
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Listeners now subscribed (open streams). */
  get size(): number {
    return this.listeners.size;
  }

  /** Stops reading and ends every listener. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    const ends = [...this.listeners.values()];
    this.listeners.clear();
    for (const end of ends) end();
    this.conn?.disconnect();
    await this.running;
  }

  private ensureRunning(): void {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
      // A listener that came while the loop was winding down restarts it.
      if (this.listeners.size > 0 && !this.closed) this.ensureRunning();
    });
  }

  private async run(): Promise<void> {
    // Blocking reads get their own connection, with command and socket timeouts above the block time.
    const conn = (this.conn ??= this.opts.redis.duplicate({ commandTimeout: this.blockMs + 2000, socketTimeout: this.blockMs + 5000 }));
    conn.on('error', (err: Error) => this.opts.log.debug({ err }, 'redis (event stream connection) error'));
    let last: string | undefined;
    while (this.listeners.size > 0 && !this.closed) {
      try {
        // Where "now" is, read at once on the app's (ready) connection: events
        // appended while the reader's own connection opens are not skipped.
        last ??= await this.newestId(this.opts.redis);
        if (conn.status !== 'ready') await ready(conn, this.blockMs);
        const reply = (await conn.xread('COUNT', 500, 'BLOCK', this.blockMs, 'STREAMS', this.opts.key, last)) as [string, Entry[]][] | null;
        for (const entry of reply?.[0]?.[1] ?? []) {
          last = entry[0];
          const event = parseEntry(entry);
          if (event) for (const l of [...this.listeners.keys()]) l(event);
        }
      } catch (err) {
        if (this.closed) break;
        this.opts.log.warn({ err }, 'event stream: reading the log failed; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    if (this.closed || this.listeners.size === 0) {
      this.conn = undefined;
      conn.disconnect();
    }
  }

  private async newestId(conn: Redis): Promise<string> {
    const rows = await conn.xrevrange(this.opts.key, '+', '-', 'COUNT', 1);
    return rows[0]?.[0] ?? '0-0';
  }
}
