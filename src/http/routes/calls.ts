/** /v1/calls: call records. */
import { Router } from 'express';
import { CallNotFound } from '../../errors.js';
import type { Store } from '../../store/index.js';
import { callJson } from '../serialize.js';

/** GET /v1/calls/{id}: one call record. */
export function callRoutes(deps: { store: Store }): Router {
  const r = Router();
  r.get('/:callId', async (req, res) => {
    const call = await deps.store.calls.get(req.params.callId);
    if (!call) throw new CallNotFound(req.params.callId);
    res.json(callJson(call));
  });
  return r;
}
