/**
 * Expires due sessions on a short interval, so expiry takes effect within about a
 * second of expiresAt even when nothing reads the session; and closes the records
 * of calls that outlived every limit with no end written (their instance died).
 * Several instances may sweep at once: the scripts finish each session and close
 * each call exactly once.
 */
import type { Logger } from '../logger.js';
import type { CallStore } from './calls.js';
import type { SessionStore } from './sessions.js';

const BATCH = 200;

export interface Sweeper {
  start(): void;
  /** Stops the loop and waits for a sweep in flight. Safe to call twice. */
  stop(): Promise<void>;
  /** Runs sweeps until nothing is due; returns how many sessions expired. */
  sweepNow(): Promise<number>;
}

/** Starts the periodic sweep of due sessions and stale call records. */
export function createSweeper(opts: {
  sessions: SessionStore;
  /** With it, stale call records are closed too. */
  calls?: CallStore;
  intervalMs: number;
  log: Logger;
  /** True for a failure the Redis connection already reports (said at debug here, not twice). */
  isOutage?: (err: unknown) => boolean;
  /** Told how many sessions each sweep expired (metrics). */
  onExpired?: (count: number) => void;
}): Sweeper {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  let failing = false;

  async function sweepNow(): Promise<number> {
    let total = 0;
    for (;;) {
      const ids = await opts.sessions.sweep(BATCH);
      total += ids.length;
      if (ids.length < BATCH) break;
    }
    if (total > 0) opts.onExpired?.(total);
    if (opts.calls) {
      for (;;) {
        const ids = await opts.calls.sweepOpen(BATCH);
        if (ids.length > 0) opts.log.warn({ calls: ids.length }, 'call records closed by the sweep (their instance never wrote the end)');
        if (ids.length < BATCH) break;
      }
    }
    return total;
  }

  function schedule(): void {
    if (stopped) return;
    // Jitter spreads instances so they rarely sweep at the same moment.
    const delay = opts.intervalMs * (0.8 + Math.random() * 0.4);
    timer = setTimeout(() => {
      running = sweepNow()
        .then((n) => {
          if (failing) opts.log.info('sweeper recovered');
          failing = false;
          if (n > 0) opts.log.debug({ expired: n }, 'sessions expired');
        })
        .catch((err: unknown) => {
          if (opts.isOutage?.(err)) opts.log.debug({ err }, 'sweep waits for the store');
          else if (!failing) opts.log.warn({ err }, 'sweep failed; will retry');
          failing = true;
        })
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, delay);
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    sweepNow,
  };
}
