/**
 * Keeps a log of what the routing callback decided, for the console: wraps the
 * callback, times it, and records each decision without waiting for the write
 * (a slow or absent Redis never holds up the call; a lost entry is only logged).
 */
import type { Logger } from '../logger.js';
import { maskNumber } from '../logger.js';
import type { RoutingDecisionStore } from '../store/routing-decisions.js';
import type { RoutingCallback } from './routing-callback.js';

/**
 * The same callback, its decisions recorded.
 *
 * @example const routing = withDecisionLog(createRoutingCallback(opts), store.routing);
 */
export function withDecisionLog(callback: RoutingCallback, decisions: RoutingDecisionStore): RoutingCallback {
  return {
    async decide(req, log: Logger) {
      const started = performance.now();
      const d = await callback.decide(req, log);
      const ms = performance.now() - started;
      const details =
        d.action === 'dial'
          ? { target: maskNumber(d.target), callerId: maskNumber(d.callerId) }
          : d.action === 'reject'
            ? d.sipStatus !== undefined ? { sipStatus: d.sipStatus } : {}
            : d.action === 'play'
              ? { prompt: d.prompt }
              : d.why !== undefined ? { why: maskNumber(d.why) } : {};
      decisions
        .record({ callId: req.correlationId, at: Date.now(), reason: req.reason, sessionId: req.sessionId, action: d.action, ms, ...details })
        .catch((err: unknown) => log.warn({ err }, 'routing decision not recorded'));
      return d;
    },
  };
}
