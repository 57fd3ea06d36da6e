/** GET /v1/resolve: what a call from one number to a virtual number would do. */
import type { Resolver } from '../../masking/resolve.js';
import { resolveResponse } from '../responses.js';
import { route, type Route } from '../route.js';
import type { Schemas } from '../schemas.js';

/** GET /v1/resolve: the routing lookup the SIP side uses, over HTTP (the hottest read, mounted first). */
export function resolveRoute(deps: { schemas: Schemas; resolver: Resolver }): Route {
  return route({
    method: 'get', path: '/v1/resolve', operationId: 'resolveCall', summary: 'What a call from `from` to virtual number `to` would do', tag: 'sessions',
    query: deps.schemas.resolveQuery,
    ok: { status: 200, schema: resolveResponse, description: 'The route' }, errors: [400, 401, 404, 410, 503],
    handle: async ({ query, res }) => {
      // The API lookup records nothing and carries no media options: the route as documented.
      const { media: _media, recorded: _recorded, ...route } = await deps.resolver.resolve(query.from.e164, query.to.e164);
      res.json(route);
    },
  });
}
