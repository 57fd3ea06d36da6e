/** GET /v1/resolve: what a call from one number to a virtual number would do. */
import type { RequestHandler } from 'express';
import type { Resolver } from '../../masking/resolve.js';
import { parse } from '../middleware/validate.js';
import type { Schemas } from '../schemas.js';

/** GET /v1/resolve: the routing lookup the SIP side uses, over HTTP. */
export function resolveRoute(deps: { schemas: Schemas; resolver: Resolver }): RequestHandler {
  return async (req, res) => {
    const q = parse(deps.schemas.resolveQuery, req.query, 'query');
    res.json(await deps.resolver.resolve(q.from.e164, q.to.e164));
  };
}
