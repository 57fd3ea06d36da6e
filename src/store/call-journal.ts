/**
 * The writes a call owes its record, kept in order and retried until Redis takes
 * them. A call must not lose its end because Redis blinked while it hung up: its
 * writes queue up per call (each waits for the one before, so Redis applies them
 * in order), a failed write is retried with backoff until Redis is back, and
 * shutdown waits for the queue. Every write carries its sequence number, so one
 * that Redis applied but never acknowledged is not applied twice (the script
 * answers 'dup').
 *
 * Bounded per instance: past `maxPending` writes, new ones are dropped (counted
 * and logged) rather than growing the heap without end; the open-calls sweep
 * still closes those records.
 */
import { StoreUnavailable } from '../errors.js';
import type { Logger } from '../logger.js';

/** One write of a call record; `run` is called again after a failure. */
export type JournalWrite = () => Promise<void>;

export interface CallJournalOptions {
  log: Logger;
  /** Most writes waiting (all calls together). */
  maxPending?: number;
  /** Backoff between retries of a failing write. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/** Whether an error means "Redis not reachable now" (retry) rather than "this write is wrong" (give up). */
function retryable(err: unknown): boolean {
  return err instanceof StoreUnavailable;
}

/** Per-call ordered, retried, bounded queue of record writes (see the file comment). */
export class CallJournal {
  private readonly tails = new Map<string, Promise<void>>();
  private pendingCount = 0;
  private dropped = 0;
  private outage = false;
  private closing = false;
  private readonly maxPending: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;

  constructor(private readonly opts: CallJournalOptions) {
    this.maxPending = opts.maxPending ?? 100_000;
    this.retryMinMs = opts.retryMinMs ?? 100;
    this.retryMaxMs = opts.retryMaxMs ?? 2000;
  }

  /** Writes waiting or in flight. */
  get pending(): number {
    return this.pendingCount;
  }

  /** Writes given up since start (over the bound, or not retryable). */
  get droppedCount(): number {
    return this.dropped;
  }

  /**
   * Queues a write of call `callId` behind that call's earlier ones. Never
   * rejects; the returned promise settles once the write is in Redis or given up.
   *
   * @example journal.append(call.id, () => calls.update(call.id, sid, { ringingAt }, 'call.ringing', { seq: 2 }))
   */
  append(callId: string, write: JournalWrite): Promise<void> {
    if (this.pendingCount >= this.maxPending) {
      this.dropped++;
      if (this.dropped === 1 || this.dropped % 1000 === 0) {
        this.opts.log.error({ dropped: this.dropped, pending: this.pendingCount }, 'call record writes over the bound: dropped (the open-call sweep closes those records)');
      }
      return Promise.resolve();
    }
    this.pendingCount++;
    const prev = this.tails.get(callId);
    // Nothing of this call in flight: write now rather than after a promise hop.
    const started = prev ? prev.then(() => this.attempt(write)) : this.attempt(write);
    const next = started.finally(() => {
      this.pendingCount--;
      if (this.tails.get(callId) === next) this.tails.delete(callId);
    });
    this.tails.set(callId, next);
    return next;
  }

  private async attempt(write: JournalWrite): Promise<void> {
    let delay = this.retryMinMs;
    for (;;) {
      try {
        await write();
        if (this.outage) {
          this.outage = false;
          this.opts.log.info({ pending: this.pendingCount - 1 }, 'call record writes reach Redis again');
        }
        return;
      } catch (err) {
        if (!retryable(err)) {
          this.dropped++;
          this.opts.log.error({ err }, 'call record write failed; not retried');
          return;
        }
        if (!this.outage) {
          this.outage = true;
          this.opts.log.warn({ err, pending: this.pendingCount }, 'call record writes queued until Redis is back');
        }
        if (this.closing && this.deadlinePassed()) {
          this.dropped++;
          return;
        }
        await sleep(delay);
        delay = Math.min(delay * 2, this.retryMaxMs);
      }
    }
  }

  private flushUntil = 0;

  private deadlinePassed(): boolean {
    return Date.now() >= this.flushUntil;
  }

  /**
   * Waits until every queued write is in Redis, at most `ms`; returns how many
   * were left (given up). For shutdown, after the last call has ended.
   */
  async flush(ms: number): Promise<number> {
    this.closing = true;
    this.flushUntil = Date.now() + ms;
    const all = Promise.all([...this.tails.values()]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
    const left = this.pendingCount;
    if (left > 0) this.opts.log.error({ left }, 'shutdown: call record writes not flushed (the open-call sweep closes those records)');
    return left;
  }
}
