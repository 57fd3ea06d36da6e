/**
 * New calls refused at once, 503 with Retry-After and before any lookup, while
 * this instance is overloaded (src/load-guard.ts) or the drachtio-server the
 * call came in on is falling behind (src/sip/admission.ts).
 */
import type { InviteMiddleware } from './types.js';
import type { Admission } from '../admission.js';
import { Overloaded } from '../../errors.js';
import { refuse } from '../reject-call.js';

export interface ShedOptions {
  /** True while this instance's own event loop is saturated. */
  overloaded?: () => boolean;
  /** The admission of the front end a request came in on. */
  admissionOf?: (req: Parameters<InviteMiddleware>[0]) => Admission | undefined;
}

/** Refuses new calls that this instance or its front end cannot take now; the trunk retries elsewhere or later. */
export function shedWhenOverloaded(opts: ShedOptions): InviteMiddleware {
  let lastLog = 0;
  return (req, res, next) => {
    const admission = opts.admissionOf?.(req);
    if (!opts.overloaded?.() && (admission?.admit() ?? true)) return next();
    const now = Date.now();
    if (now - lastLog > 1000) {
      lastLog = now;
      req.locals.log.warn('overloaded: new calls refused (503)');
    }
    refuse(res, new Overloaded());
  };
}
