/** /v1/calls: call records. */
import { z } from 'zod';
import { CallNotFound } from '../../errors.js';
import type { Store } from '../../store/index.js';
import { callResponse } from '../responses.js';
import { route, type Route } from '../route.js';
import { callJson } from '../serialize.js';

/** GET /v1/calls/{callId}: one call record. */
export function callRoutes(deps: { store: Store }): Route[] {
  return [
    route({
      method: 'get', path: '/v1/calls/{callId}', operationId: 'getCall', summary: 'One call record', tag: 'calls',
      params: z.object({ callId: z.string() }),
      ok: { status: 200, schema: callResponse, description: 'The call' }, errors: [401, 404],
      handle: async ({ params, res }) => {
        const id = params.callId ?? '';
        const call = await deps.store.calls.get(id);
        if (!call) throw new CallNotFound(id);
        res.json(callJson(call));
      },
    }),
  ];
}
