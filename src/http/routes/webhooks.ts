/**
 * Delivery backlog and dead letters: GET /v1/webhooks/stats, GET /v1/webhooks/dead,
 * POST /v1/webhooks/dead/{id}/retry.
 */
import { Router } from 'express';
import { DeadLetterNotFound } from '../../errors.js';
import { publicEvent } from '../../masking/event-codec.js';
import type { Store } from '../../store/index.js';
import { parse } from '../middleware/validate.js';
import type { Schemas } from '../schemas.js';

/** /v1/webhooks: delivery backlog figures and dead letters (list, retry). */
export function webhookRoutes(deps: { store: Store; schemas: Schemas }): Router {
  const r = Router();
  r.get('/stats', async (_req, res) => {
    const s = await deps.store.deliveries.stats();
    res.json({
      pending: s.pending,
      sessionsWaiting: s.sessionsWaiting,
      retrying: s.retrying,
      dead: s.dead,
      oldestPendingAgeSeconds: s.oldestPendingAgeMs === null ? null : Math.round(s.oldestPendingAgeMs / 100) / 10,
      undispatched: s.undispatched,
    });
  });
  r.get('/dead', async (req, res) => {
    const q = parse(deps.schemas.page, req.query, 'query');
    const items = await deps.store.deliveries.dead(Math.min(q.limit, 500));
    res.json({
      items: items.map((d) => ({
        eventId: d.eventId,
        sessionId: d.sessionId,
        attempts: d.attempts,
        lastError: d.lastError,
        deadAt: new Date(d.deadAt).toISOString(),
        event: d.event ? publicEvent(d.event) : null,
      })),
    });
  });
  r.post('/dead/:eventId/retry', async (req, res) => {
    if (!(await deps.store.deliveries.retryDead(req.params.eventId))) {
      throw new DeadLetterNotFound(req.params.eventId);
    }
    res.status(202).json({ eventId: req.params.eventId, status: 'queued' });
  });
  return r;
}
