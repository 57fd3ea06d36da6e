/**
 * Routes the call through the same function as GET /v1/resolve. A call that has
 * no open session is rejected here, before any other leg exists:
 * 404 (not a virtual number), 403 (caller not in a session on it),
 * 410 (its session expired or closed), 503 + Retry-After (Redis unreachable).
 */
import { MasqError, SessionClosed, SessionExpired, StoreUnavailable } from '../../errors.js';
import type { Resolver } from '../../masking/resolve.js';
import type { CallStore } from '../../store/calls.js';
import { reasonFor } from '../reasons.js';
import type { RejectCall } from '../reject-call.js';
import type { InviteMiddleware } from './types.js';
import { reject } from './types.js';

export function resolveSession(deps: { resolver: Resolver; calls: CallStore; rejectCall: RejectCall }): InviteMiddleware {
  return (req, res, next) => {
    const ctx = req.locals;
    deps.resolver.resolve(ctx.caller as string, ctx.called as string).then(
      (route) => {
        ctx.route = route;
        ctx.log = ctx.log.child({ sessionId: route.sessionId });
        next();
      },
      (err: unknown) => {
        if (!(err instanceof MasqError)) {
          ctx.log.error({ err }, 'routing failed: 500');
          return reject(res, 500, reasonFor(500));
        }
        ctx.log.info({ code: err.code, sipStatus: err.sipStatus }, 'call rejected');
        deps.rejectCall(req, res, err);
        if (err instanceof StoreUnavailable) return;
        const sessionId = err instanceof SessionExpired || err instanceof SessionClosed ? err.sessionId : null;
        const now = Date.now();
        deps.calls
          .start({ id: ctx.callId, sessionId, direction: null, virtualNumber: ctx.called as string, startedAt: ctx.startedAt })
          .then(() =>
            deps.calls.update(
              ctx.callId,
              sessionId,
              { state: 'failed', endedAt: now, durationSeconds: 0, sipStatus: err.sipStatus, hungUpBy: 'masq', endReason: err.code },
              sessionId ? 'call.failed' : '',
            ),
          )
          .catch((e: unknown) => ctx.log.warn({ err: e }, 'call record not written'));
      },
    );
  };
}
