/**
 * First step: gives the call an id, a start time and a child logger, and owns
 * the call from here on: a CANCEL at any later moment (during the ACL, the
 * routing lookup, the routing callback, while the callee rings) is answered 487
 * at once and marks the call, so no later step rings anybody for it.
 */
import type { Logger } from '../../logger.js';
import { newCallId } from '../../masking/ids.js';
import type { InviteMiddleware } from './types.js';
import { reject } from '../reject-call.js';

/** Gives the call its id, start time and logger, and watches for its CANCEL from here on. */
export function initContext(log: Logger): InviteMiddleware {
  return (req, res, next) => {
    const callId = newCallId();
    const ctx: typeof req.locals = { callId, startedAt: Date.now(), log: log.child({ callId, sipCallId: req.get('Call-ID') }), cancelled: false };
    req.locals = ctx;
    req.on('cancel', (cancel) => {
      if (ctx.cancelled) return;
      ctx.cancelled = true;
      ctx.cancelReason = cancel.get('Reason') || undefined;
      reject(res, 487, 'Request Terminated');
      ctx.log.info('caller cancelled');
      ctx.onCancel?.();
    });
    next();
  };
}

/**
 * Wraps a step so that a cancelled call goes no further: the caller has its 487
 * and nothing was recorded yet.
 */
export function unlessCancelled(step: InviteMiddleware): InviteMiddleware {
  return (req, res, next) => {
    if (req.locals.cancelled) return;
    step(req, res, next);
  };
}
