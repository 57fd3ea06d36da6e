/**
 * Delivers outbox events as signed JSON POSTs: to the session's callbackUrl, else
 * the global webhook URL. At least once, in order per session (one event in flight
 * per session), retried with exponential backoff and jitter until the maximum age,
 * then dead-lettered. Any number of instances may run it.
 */
import type { Logger } from '../logger.js';
import type { Claim, DeliveryStore, Outcome } from '../store/deliveries.js';
import { destinationOf, publicEvent } from '../masking/event-codec.js';
import { infobipAuthorization, SIGNATURE_HEADER, signatureHeader } from './signing.js';

export interface WebhookConfig {
  url: string | undefined;
  secret: string | undefined;
  timeoutMs: number;
  maxAgeMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  concurrency: number;
  pollMs: number;
  infobip?: { apiId: string; key: string } | undefined;
}

export interface DeliveryWorker {
  start(): void;
  /** Stops claiming; waits for deliveries in flight. Safe to call twice. */
  stop(): Promise<void>;
}

const DISPATCH_BATCH = 500;

/** Backoff before attempt n+1 after n failures: exponential, capped, full jitter on the upper half. */
export function backoffMs(failures: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** The webhook worker: moves outbox events into per-session queues and delivers each queue in order, with retries. */
export function createDeliveryWorker(deps: {
  store: DeliveryStore;
  config: WebhookConfig;
  log: Logger;
  /** True for a failure the Redis connection already reports (said at debug here, not twice). */
  isOutage?: (err: unknown) => boolean;
  /** Told each attempt's result (metrics). */
  onOutcome?: (kind: Outcome['kind']) => void;
}): DeliveryWorker {
  const { store, config, log } = deps;
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  let failing = false;
  let pumping = false;
  let again = false;
  const inFlight = new Set<Promise<void>>();

  async function deliver(c: Claim): Promise<Outcome> {
    const dest = c.event ? (destinationOf(c.event) ?? config.url) : undefined;
    if (!c.event || !dest) return { kind: 'ok' }; // nowhere to send, or trimmed from the log
    const body = JSON.stringify(publicEvent(c.event));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'masq-webhooks',
      'masq-event-id': c.event.id,
      'masq-event-type': c.event.type,
    };
    if (config.secret) headers[SIGNATURE_HEADER] = signatureHeader(config.secret, body);
    if (config.infobip) headers.authorization = infobipAuthorization(config.infobip.apiId, dest, body, config.infobip.key);
    let error: string;
    try {
      const res = await fetch(dest, { method: 'POST', headers, body, signal: AbortSignal.timeout(config.timeoutMs), redirect: 'manual' });
      await res.body?.cancel();
      if (res.status >= 200 && res.status < 300) return { kind: 'ok' };
      error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).name === 'TimeoutError' ? `timeout after ${config.timeoutMs} ms` : (err as Error).message;
    }
    const now = Date.now();
    const firstFailedAt = c.firstFailedAt || now;
    if (now - firstFailedAt >= config.maxAgeMs) return { kind: 'dead', error };
    return { kind: 'retry', nextAt: now + backoffMs(c.attempts, config.retryBaseMs, config.retryMaxMs), firstFailedAt, error };
  }

  async function handle(c: Claim): Promise<void> {
    const outcome = await deliver(c);
    deps.onOutcome?.(outcome.kind);
    if (outcome.kind !== 'ok') {
      log[outcome.kind === 'dead' ? 'warn' : 'info'](
        { eventId: c.eventId, sessionId: c.sessionId, attempts: c.attempts + 1, error: outcome.error },
        outcome.kind === 'dead' ? 'webhook dead-lettered' : 'webhook failed; will retry',
      );
    }
    await store.settle(c, outcome);
  }

  async function tick(): Promise<void> {
    while ((await store.dispatch(DISPATCH_BATCH)) === DISPATCH_BATCH) {
      // more to hand out
    }
    const free = config.concurrency - inFlight.size;
    if (free <= 0) return;
    const claims = await store.claim(free, config.timeoutMs + 5000);
    for (const c of claims) {
      const p: Promise<void> = handle(c)
        .catch((err: unknown) => log.warn({ err, eventId: c.eventId }, 'webhook settle failed; lease will expire'))
        .finally(() => {
          inFlight.delete(p);
          // A finished delivery frees a slot and may have made its session's next event due.
          void pump();
        });
      inFlight.add(p);
    }
  }

  /** Runs tick until nothing new turned up meanwhile; concurrent calls coalesce. */
  async function pump(): Promise<void> {
    if (stopped) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        await tick();
      } while (again && !stopped);
      if (failing) log.info('webhook worker recovered');
      failing = false;
    } catch (err) {
      if (deps.isOutage?.(err)) log.debug({ err }, 'webhook worker waits for the store');
      else if (!failing) log.warn({ err }, 'webhook worker cannot reach the store; retrying');
      failing = true;
    } finally {
      pumping = false;
    }
  }

  // The poll picks up new events and retries that come due; deliveries pump in between.
  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void pump().finally(schedule);
    }, config.pollMs);
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      if (!config.secret) log.warn('MASQ_WEBHOOK_SECRET is not set: webhooks go out UNSIGNED');
      schedule();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([...inFlight]);
    },
  };
}
