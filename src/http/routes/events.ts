/** GET /v1/events: the event log, for one session or all, newest first. */
import { publicEvent } from '../../masking/event-codec.js';
import type { Store } from '../../store/index.js';
import { pageOf } from '../responses.js';
import { eventResponse } from '../event-responses.js';
import { route, type Route } from '../route.js';
import type { Schemas } from '../schemas.js';

/** /v1/events: the event log, newest first, for all sessions or one. */
export function eventRoutes(deps: { store: Store; schemas: Schemas }): Route[] {
  return [
    route({
      method: 'get', path: '/v1/events', operationId: 'listEvents', summary: 'Event log (one session, or all), newest first', tag: 'events',
      query: deps.schemas.listEvents,
      ok: { status: 200, schema: pageOf(eventResponse), description: 'A page of events' }, errors: [400, 401],
      handle: async ({ query: q, res }) => {
        if (q.sessionId) {
          const items = await deps.store.events.forSession(q.sessionId, q.limit);
          res.json({ items: items.map(publicEvent), nextCursor: null });
          return;
        }
        const page = await deps.store.events.recent(q.limit, q.cursor);
        res.json({ items: page.items.map(publicEvent), nextCursor: page.nextCursor });
      },
    }),
  ];
}
