/** While the instance is overloaded (src/load-guard.ts), new calls get 503 with Retry-After before any lookup. */
import type { InviteMiddleware } from './types.js';
import { Overloaded } from '../../errors.js';
import { refuse } from '../reject-call.js';

/** Refuses new calls at once while `overloaded()` says so; the trunk retries elsewhere or later. */
export function shedWhenOverloaded(overloaded: () => boolean): InviteMiddleware {
  let lastLog = 0;
  return (req, res, next) => {
    if (!overloaded()) return next();
    const now = Date.now();
    if (now - lastLog > 1000) {
      lastLog = now;
      req.locals.log.warn('overloaded: new calls refused (503)');
    }
    refuse(res, new Overloaded());
  };
}
