/** GET /v1/routing/decisions: what the out-of-session routing callback decided, newest first. */
import { z } from 'zod';
import type { Store } from '../../store/index.js';
import { routingDecisionResponse } from '../event-responses.js';
import { route, type Route } from '../route.js';

const query = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

/** /v1/routing/decisions (about the last 1,000 are kept). */
export function routingRoutes(deps: { store: Store }): Route[] {
  return [
    route({
      method: 'get', path: '/v1/routing/decisions', operationId: 'listRoutingDecisions', summary: "The routing callback's recent decisions, newest first (about the last 1,000; numbers masked)", tag: 'events',
      query,
      ok: { status: 200, schema: z.object({ items: z.array(routingDecisionResponse) }), description: 'Decisions, newest first' }, errors: [400, 401, 503],
      handle: async ({ query: q, res }) => {
        const items = await deps.store.routing.recent(q.limit);
        res.json({
          items: items.map(({ at, ms, ...d }) => ({ ...d, decidedAt: new Date(at).toISOString(), ms: Math.round(ms) })),
        });
      },
    }),
  ];
}
