/** While shutting down, new calls get 503 with Retry-After (another instance takes them). */
import type { InviteMiddleware } from './types.js';
import { Draining } from '../../errors.js';
import { refuse } from '../reject-call.js';

/** Refuses new calls (503 + Retry-After) once the instance is shutting down. */
export function refuseWhileDraining(isDraining: () => boolean): InviteMiddleware {
  return (req, res, next) => {
    if (!isDraining()) return next();
    req.locals.log.info('draining: call refused');
    refuse(res, new Draining());
  };
}
