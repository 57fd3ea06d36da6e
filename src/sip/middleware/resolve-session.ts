/**
 * Routes the call through the same function as GET /v1/resolve. A call that has
 * no open session is rejected here, before any other leg exists:
 * 404 (not a virtual number), 403 (caller not in a session on it),
 * 410 (its session expired or closed), 503 + Retry-After (Redis unreachable) —
 * unless a routing callback is configured and decides otherwise for a call to a
 * virtual number that matched no open session.
 */
import { CallLimitReached, MasqError, SessionClosed, SessionExpired, StoreUnavailable } from '../../errors.js';
import type { RoutingCallback } from '../routing-callback.js';
import type { Resolver } from '../../masking/resolve.js';
import type { CallStore } from '../../store/calls.js';
import { reasonFor } from '../reasons.js';
import type { RejectCall } from '../reject-call.js';
import type { CallRequest, InviteMiddleware } from './types.js';
import { reject } from '../reject-call.js';
import type Srf from 'drachtio-srf';

export interface ResolveDeps {
  resolver: Resolver;
  calls: CallStore;
  rejectCall: RejectCall;
  /** Asked when a call to a virtual number matches no open session (optional). */
  routing?: RoutingCallback;
  /** Whether a number is one of ours (a dial answer's caller id must be). */
  isVirtualNumber(e164: string): Promise<boolean>;
  /**
   * Hands a routed call to its CallSession. Called directly, not through the
   * chain's next(): drachtio-srf stops a chain once a final response went out,
   * and a call cancelled while it was routed (487 already sent) must still reach
   * the code that closes its record.
   */
  onRouted(req: CallRequest, res: Srf.SrfResponse): void;
  /** The instance's defaults; with a session's own values they bound the call's life in the open-calls index. */
  ringTimeoutS: number;
  callTimeLimitS: number;
  /** Most calls at once per session / per virtual number, across instances (0: no limit). */
  maxPerSession: number;
  maxPerNumber: number;
}

const ASK_ON = new Set(['not_in_session', 'session_expired', 'session_closed']);

/** Turns the call away and records it (with its session, when it had one). */
function rejectAndRecord(deps: ResolveDeps, req: CallRequest, res: Srf.SrfResponse, err: MasqError, sessionId: string | null, promptId?: string): void {
  const ctx = req.locals;
  if (err instanceof StoreUnavailable) {
    ctx.log.info({ code: err.code, sipStatus: err.sipStatus }, 'call rejected');
    deps.rejectCall(req, res, err);
    return;
  }
  // A CANCEL that came while the lookup ran: the caller has its 487; the record says so.
  const cancelled = ctx.cancelled;
  if (cancelled) ctx.log.info({ code: err.code }, 'call cancelled while it was routed');
  else {
    ctx.log.info({ code: err.code, sipStatus: err.sipStatus }, 'call rejected');
    deps.rejectCall(req, res, err, promptId);
  }
  const now = Date.now();
  deps.calls
    .start(
      { id: ctx.callId, sessionId, direction: null, virtualNumber: ctx.called as string, startedAt: ctx.startedAt },
      sessionId ? 'call.failed' : '',
      cancelled
        ? { state: 'failed', endedAt: now, durationSeconds: 0, sipStatus: 487, hungUpBy: 'caller', endReason: 'caller-cancel' }
        : { state: 'failed', endedAt: now, durationSeconds: 0, sipStatus: err.sipStatus, hungUpBy: 'masq', endReason: err.code },
    )
    .catch((e: unknown) => ctx.log.warn({ err: e }, 'call record not written'));
}

/** Lets the customer's routing callback decide; a dial answer goes on to the CallSession. */
async function outOfSession(
  deps: ResolveDeps & { routing: RoutingCallback },
  req: CallRequest,
  res: Srf.SrfResponse,
  err: MasqError,
  sessionId: string | null,
): Promise<void> {
  const ctx = req.locals;
  const d = await deps.routing.decide(
    { correlationId: ctx.callId, from: ctx.caller as string, to: ctx.called as string, reason: err.code, sessionId },
    ctx.log,
  );
  if (d.action === 'dial') {
    if (await deps.isVirtualNumber(d.callerId).catch(() => false)) {
      ctx.route = { sessionId: null, status: 'open', target: d.target, callerId: d.callerId, direction: 'out-of-session' };
      ctx.log.info('routing callback: dial');
      return deps.onRouted(req, res);
    }
    ctx.log.warn('routing callback dial: callerId is not one of our virtual numbers; default applies');
  }
  const status = d.action === 'reject' && d.sipStatus ? d.sipStatus : err.sipStatus;
  const final = status === err.sipStatus ? err : new MasqError(err.code, err.httpStatus, status, err.message);
  // play: the caller hears that prompt (with a media server; without one, the usual status).
  rejectAndRecord(deps, req, res, final, sessionId, d.action === 'play' ? d.prompt : undefined);
}

/** The chain's last step: routes the call (or asks the routing callback) and hands it to its CallSession. */
export function resolveSession(deps: ResolveDeps): InviteMiddleware {
  return (req, res) => {
    const ctx = req.locals;
    const arrival = {
      id: ctx.callId,
      startedAt: ctx.startedAt,
      ringTimeoutS: deps.ringTimeoutS,
      callTimeLimitS: deps.callTimeLimitS,
      maxPerSession: deps.maxPerSession,
      maxPerNumber: deps.maxPerNumber,
    };
    deps.resolver.resolve(ctx.caller as string, ctx.called as string, arrival).then(
      (route) => {
        ctx.route = route;
        // The call's own logger (made in initContext) gains the session: no second child.
        ctx.log.setBindings({ sessionId: route.sessionId });
        deps.onRouted(req, res);
      },
      (err: unknown) => {
        if (!(err instanceof MasqError)) {
          ctx.log.error({ err }, 'routing failed: 500');
          return reject(res, 500, reasonFor(500));
        }
        const sessionId = err instanceof SessionExpired || err instanceof SessionClosed ? err.sessionId : err instanceof CallLimitReached ? err.sessionId : null;
        if (deps.routing && ASK_ON.has(err.code) && !ctx.cancelled) {
          outOfSession({ ...deps, routing: deps.routing }, req, res, err, sessionId).catch((e: unknown) => {
            ctx.log.error({ err: e }, 'out-of-session routing failed');
            rejectAndRecord(deps, req, res, err, sessionId);
          });
          return;
        }
        rejectAndRecord(deps, req, res, err, sessionId);
      },
    );
  };
}
