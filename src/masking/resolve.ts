/**
 * Call routing: the one function both `GET /v1/resolve` and the SIP INVITE chain
 * use to decide what a call from a caller to a virtual number does.
 */
import { CallLimitReached, NotInSession, NumberNotFound, SessionClosed, SessionExpired } from '../errors.js';
import type { CallArrival, ResolveResult, Route } from './types.js';

export interface Resolver {
  /**
   * Routes a call; both numbers in E.164.
   *
   * @throws NumberNotFound (SIP 404) when `to` is no virtual number,
   *   NotInSession (SIP 403) when the caller has no open session on it,
   *   SessionExpired / SessionClosed (SIP 410) when its last session ended,
   *   CallLimitReached (SIP 486) when the session or number carries its most calls.
   *   With `call` (the SIP path) a routed call is recorded in the same step.
   */
  resolve(from: string, to: string, call?: CallArrival): Promise<Route>;
}

/** Turns the store's raw lookup into a route or a typed error. */
export function routeFrom(r: ResolveResult): Route {
  switch (r.kind) {
    case 'open': {
      const fromFirst = r.direction === 'first';
      return {
        sessionId: r.sessionId,
        status: 'open',
        target: fromFirst ? r.b : r.a,
        callerId: fromFirst ? r.vb : r.va,
        direction: fromFirst ? 'first-to-second' : 'second-to-first',
        ...(r.ringTimeoutSeconds ? { ringTimeoutSeconds: r.ringTimeoutSeconds } : {}),
        ...(r.callTimeLimitSeconds ? { callTimeLimitSeconds: r.callTimeLimitSeconds } : {}),
        ...(r.recorded ? { recorded: true as const } : {}),
        ...(r.media ? { media: r.media } : {}),
      };
    }
    case 'ended':
      throw r.status === 'closed' ? new SessionClosed(r.sessionId) : new SessionExpired(r.sessionId);
    case 'not_in_session':
      throw new NotInSession();
    case 'busy':
      throw new CallLimitReached(r.scope, r.sessionId);
    case 'number_not_found':
      throw new NumberNotFound();
  }
}

/** A Resolver over the store's raw lookup. */
export function createResolver(lookup: (from: string, to: string, call?: CallArrival) => Promise<ResolveResult>): Resolver {
  return { resolve: async (from, to, call) => routeFrom(await lookup(from, to, call)) };
}
