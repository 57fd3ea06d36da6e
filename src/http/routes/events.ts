/** GET /v1/events: the event log, for one session or all, newest first. */
import { Router } from 'express';
import { publicEvent } from '../../masking/event-codec.js';
import type { Store } from '../../store/index.js';
import { parse } from '../middleware/validate.js';
import type { Schemas } from '../schemas.js';

/** /v1/events: the event log, newest first, for all sessions or one. */
export function eventRoutes(deps: { store: Store; schemas: Schemas }): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const q = parse(deps.schemas.listEvents, req.query, 'query');
    if (q.sessionId) {
      const items = await deps.store.events.forSession(q.sessionId, q.limit);
      res.json({ items: items.map(publicEvent), nextCursor: null });
      return;
    }
    const page = await deps.store.events.recent(q.limit, q.cursor);
    res.json({ items: page.items.map(publicEvent), nextCursor: page.nextCursor });
  });
  return r;
}
