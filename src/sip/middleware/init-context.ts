/** First step: gives the call an id, a start time and a child logger. */
import type { Logger } from '../../logger.js';
import { newSessionId } from '../../masking/ids.js';
import type { InviteMiddleware } from './types.js';

export function initContext(log: Logger): InviteMiddleware {
  return (req, _res, next) => {
    const callId = newSessionId();
    req.locals = { callId, startedAt: Date.now(), log: log.child({ callId, sipCallId: req.get('Call-ID') }) };
    next();
  };
}
