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
  return (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) return next(new Unauthorized());
    const given = digest(m[1] as string);
    let ok = false;
    for (const d of digests) ok = timingSafeEqual(d, given) || ok;
    next(ok ? undefined : new Unauthorized());
  };
}
