/** Refuses API requests at once while the instance is overloaded (src/load-guard.ts). */
import type { RequestHandler } from 'express';
import { Overloaded } from '../../errors.js';

/** Paths always answered: probes and scrapes must see an overloaded instance as it is. */
const ALWAYS = new Set(['/healthz', '/readyz', '/metrics']);

/** 503 + Retry-After for every request but probes while `overloaded()` says so. */
export function shedWhenOverloaded(overloaded: () => boolean): RequestHandler {
  return (req, _res, next) => {
    if (!overloaded() || ALWAYS.has(req.path)) return next();
    next(new Overloaded());
  };
}
