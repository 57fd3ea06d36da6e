/**
 * Load limits of the INVITE chain: how many calls this instance carries, and how
 * fast one source may send INVITEs. Beyond either, 503 with Retry-After: the
 * trunk tries another instance or later, and nothing is recorded.
 */
import type { InviteMiddleware } from './types.js';
import { TooManyCalls } from '../../errors.js';
import { refuse, reject } from '../reject-call.js';

/**
 * Refuses calls while `active()` (calls up or being set up here) is at `max`.
 *
 * @example instanceLimit(() => registry.size + inChain, 2000)
 */
export function instanceLimit(active: () => number, max: number): InviteMiddleware {
  let lastLog = 0;
  return (req, res, next) => {
    if (active() <= max) return next();
    const now = Date.now();
    if (now - lastLog > 1000) {
      lastLog = now;
      req.locals.log.warn({ max }, 'call limit of this instance reached: 503');
    }
    refuse(res, new TooManyCalls());
  };
}

interface Bucket {
  tokens: number;
  at: number;
}

// Sources tracked at once; a spray of forged addresses only resets the table.
const MAX_SOURCES = 10_000;

/**
 * A token bucket per source address: `perSecond` INVITEs a second, bursts up to
 * twice that. 0 turns it off.
 *
 * @example rateLimit(500)
 */
export function rateLimit(perSecond: number): InviteMiddleware {
  if (perSecond <= 0) return (_req, _res, next) => next();
  const burst = perSecond * 2;
  const buckets = new Map<string, Bucket>();
  let lastLog = 0;
  return (req, res, next) => {
    const source = req.source_address ?? '';
    const now = Date.now();
    let b = buckets.get(source);
    if (!b) {
      if (buckets.size >= MAX_SOURCES) buckets.clear();
      b = { tokens: burst, at: now };
      buckets.set(source, b);
    }
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return next();
    }
    if (now - lastLog > 1000) {
      lastLog = now;
      req.locals.log.warn({ source, perSecond }, 'INVITE rate of a source over its limit: 503');
    }
    reject(res, 503, 'Service Unavailable', { 'Retry-After': '1' });
  };
}
