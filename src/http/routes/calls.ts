/** /v1/calls: recent calls across sessions, and one call record. */
import { z } from 'zod';
import { CallNotFound } from '../../errors.js';
import type { Store } from '../../store/index.js';
import { pageOf } from '../responses.js';
import { callExample, callResponse } from '../call-responses.js';
import { route, type Route } from '../route.js';
import type { Schemas } from '../schemas.js';
import { callJson } from '../serialize.js';

const ms = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso));

/** GET /v1/calls and GET /v1/calls/{callId}. */
export function callRoutes(deps: { store: Store; schemas: Schemas }): Route[] {
  return [
    route({
      method: 'get', path: '/v1/calls', operationId: 'listCalls', summary: 'Recent calls across sessions, newest first (cursor pages)', tag: 'calls',
      query: deps.schemas.listCalls,
      ok: {
        status: 200,
        schema: pageOf(callResponse),
        description:
          'A page; follow nextCursor until null. Each page examines a bounded number of calls, so with outcome or direction a page may hold fewer items than limit (even none) and still have a nextCursor.',
        example: {
          items: [
            callExample,
            {
              ...callExample,
              id: '01m9a3f0q2w6e8r4t7y1',
              state: 'failed',
              outcome: 'busy',
              startedAt: '2026-12-01T09:38:02.450Z',
              ringingAt: '2026-12-01T09:38:02.611Z',
              answeredAt: null,
              endedAt: '2026-12-01T09:38:05.077Z',
              durationSeconds: 0,
              totalMs: 2627,
              sipStatus: 486,
              endReason: 'callee-rejected',
            },
          ],
          nextCursor: '01m9a3f0q2w6e8r4t7y1',
        },
      },
      errors: [400, 401],
      handle: async ({ query: q, res }) => {
        const since = ms(q.since);
        const until = ms(q.until);
        const page = await deps.store.calls.listRecent(
          {
            ...(q.sessionId ? { sessionId: q.sessionId } : {}),
            ...(q.outcome ? { outcome: q.outcome } : {}),
            ...(q.direction ? { direction: q.direction } : {}),
            ...(since !== undefined ? { since } : {}),
            ...(until !== undefined ? { until } : {}),
          },
          q.limit,
          q.cursor,
        );
        res.json({ items: page.items.map(callJson), nextCursor: page.nextCursor });
      },
    }),
    route({
      method: 'get', path: '/v1/calls/{callId}', operationId: 'getCall', summary: 'One call record', tag: 'calls',
      params: z.object({ callId: z.string() }),
      ok: { status: 200, schema: callResponse, description: 'The call', example: callExample }, errors: [401, 404],
      handle: async ({ params, res }) => {
        const id = params.callId ?? '';
        const call = await deps.store.calls.get(id);
        if (!call) throw new CallNotFound(id);
        res.json(callJson(call));
      },
    }),
  ];
}
