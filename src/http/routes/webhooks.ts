/**
 * Delivery backlog and dead letters: GET /v1/webhooks/stats, GET /v1/webhooks/dead,
 * POST /v1/webhooks/dead/{eventId}/retry.
 */
import { z } from 'zod';
import { DeadLetterNotFound } from '../../errors.js';
import { publicEvent } from '../../masking/event-codec.js';
import type { Store } from '../../store/index.js';
import { deadLetterResponse, retryQueuedResponse, webhookStatsResponse } from '../event-responses.js';
import { route, type Route } from '../route.js';
import type { Schemas } from '../schemas.js';

/** /v1/webhooks: delivery backlog figures and dead letters (list, retry). */
export function webhookRoutes(deps: { store: Store; schemas: Schemas }): Route[] {
  return [
    route({
      method: 'get', path: '/v1/webhooks/stats', operationId: 'getWebhookStats', summary: 'Delivery backlog: pending, waiting sessions, oldest pending age, dead letters', tag: 'events',
      ok: { status: 200, schema: webhookStatsResponse, description: 'Backlog figures (counters; cheap at any backlog size)' }, errors: [401, 503],
      handle: async ({ res }) => {
        const s = await deps.store.deliveries.stats();
        res.json({
          pending: s.pending,
          sessionsWaiting: s.sessionsWaiting,
          retrying: s.retrying,
          dead: s.dead,
          oldestPendingAgeSeconds: s.oldestPendingAgeMs === null ? null : Math.round(s.oldestPendingAgeMs / 100) / 10,
          undispatched: s.undispatched,
        });
      },
    }),
    route({
      method: 'get', path: '/v1/webhooks/dead', operationId: 'listDeadLetters', summary: 'Events given up after the maximum retry age', tag: 'events',
      query: deps.schemas.page,
      ok: { status: 200, schema: z.object({ items: z.array(deadLetterResponse) }), description: 'Dead letters, newest first (at most 500)' }, errors: [400, 401],
      handle: async ({ query, res }) => {
        const items = await deps.store.deliveries.dead(Math.min(query.limit, 500));
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
      },
    }),
    route({
      method: 'post', path: '/v1/webhooks/dead/{eventId}/retry', operationId: 'retryDeadLetter', summary: 'Queue a dead letter for delivery again', tag: 'events',
      params: z.object({ eventId: z.string() }),
      ok: { status: 202, schema: retryQueuedResponse, description: 'Queued' }, errors: [401, 404],
      handle: async ({ params, res }) => {
        const id = params.eventId ?? '';
        if (!(await deps.store.deliveries.retryDead(id))) throw new DeadLetterNotFound(id);
        res.status(202).json({ eventId: id, status: 'queued' });
      },
    }),
  ];
}
