/** Bearer-key authentication for /v1. Keys are compared as SHA-256 digests in constant time. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Unauthorized } from '../../errors.js';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * @example app.use('/v1', bearerAuth(['k3y-of-16-chars-min']));
 */
export function bearerAuth(keys: readonly string[]): RequestHandler {
  const digests = keys.map(digest);
  // Headers already verified: a hashed lookup instead of a SHA-256 per request.
  // Only good keys are remembered (few), so it cannot grow with bad guesses.
  const verified = new Set<string>();
  return (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    if (verified.has(header)) return next();
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) return next(new Unauthorized());
    const given = digest(m[1] as string);
    let ok = false;
    for (const d of digests) ok = timingSafeEqual(d, given) || ok;
    if (ok && verified.size < 1000) verified.add(header);
    next(ok ? undefined : new Unauthorized());
  };
}
