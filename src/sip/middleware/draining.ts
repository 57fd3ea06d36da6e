/** While shutting down, new calls get 503 with Retry-After (another instance takes them). */
import type { InviteMiddleware } from './types.js';
import { reject } from './types.js';

export function refuseWhileDraining(isDraining: () => boolean): InviteMiddleware {
  return (req, res, next) => {
    if (!isDraining()) return next();
    req.locals.log.info('draining: call refused');
    reject(res, 503, 'Service Unavailable', { 'Retry-After': '5' });
  };
}
