/** /v1/sessions: create, read, list, change, close; a session's calls. */
import { Router, type RequestHandler } from 'express';
import type { SessionOptions } from '../../masking/types.js';
import type { Store } from '../../store/index.js';
import type { OptionChanges } from '../../store/session-codec.js';
import { parse } from '../middleware/validate.js';
import type { Schemas } from '../schemas.js';
import { callJson, sessionJson } from '../serialize.js';

/** The /v1/sessions routes other than create (read, list, change, close, a session's calls). */
export function sessionRoutes(deps: { store: Store; schemas: Schemas }): Router {
  const { store, schemas } = deps;
  const r = Router();

  r.get('/', async (req, res) => {
    const q = parse(schemas.listSessions, req.query, 'query');
    const page = await store.sessions.list(
      {
        ...(q.poolId ? { poolId: q.poolId } : {}),
        ...(q.participant ? { participant: q.participant.e164 } : {}),
        ...(q.status ? { status: q.status } : {}),
        ...(q.clientReference ? { clientReference: q.clientReference } : {}),
      },
      q.limit,
      q.cursor,
    );
    res.json({ items: page.items.map(sessionJson), nextCursor: page.nextCursor });
  });

  r.get('/:sessionId', async (req, res) => {
    res.json(sessionJson(await store.sessions.require(req.params.sessionId)));
  });

  r.get('/:sessionId/calls', async (req, res) => {
    const q = parse(schemas.page, req.query, 'query');
    await store.sessions.require(req.params.sessionId);
    const page = await store.calls.listForSession(req.params.sessionId, q.limit, q.cursor);
    res.json({ items: page.items.map(callJson), nextCursor: page.nextCursor });
  });

  r.patch('/:sessionId', async (req, res) => {
    const { ttlSeconds, ...options } = parse(schemas.updateSession, req.body, 'body');
    const session = await store.sessions.update(req.params.sessionId, {
      ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
      options: options as OptionChanges,
    });
    res.locals.logFields = { sessionId: session.id };
    res.json(sessionJson(session));
  });

  r.delete('/:sessionId', async (req, res) => {
    const session = await store.sessions.close(req.params.sessionId);
    res.locals.logFields = { sessionId: session.id, status: session.status };
    res.json(sessionJson(session));
  });

  return r;
}

/**
 * POST /v1/sessions. Mounted by itself at the app level (not in the sessions
 * router): the hottest write walks two middleware layers instead of nested routers.
 */
export function createSessionRoute(deps: { store: Store; schemas: Schemas; ttlDefaultS: number }): RequestHandler {
  const { store, schemas } = deps;
  return async (req, res) => {
    const b = parse(schemas.createSession, req.body, 'body');
    const options: SessionOptions = {
      record: b.record,
      initiateCallToFirstParty: b.initiateCallToFirstParty,
      ...(b.ringTimeoutSeconds !== undefined ? { ringTimeoutSeconds: b.ringTimeoutSeconds } : {}),
      ...(b.callTimeLimitSeconds !== undefined ? { callTimeLimitSeconds: b.callTimeLimitSeconds } : {}),
      ...(b.announcements ? { announcements: b.announcements } : {}),
      ...(b.callbackUrl ? { callbackUrl: b.callbackUrl } : {}),
      ...(b.callbackEvents ? { callbackEvents: b.callbackEvents } : {}),
      ...(b.metadata ? { metadata: b.metadata } : {}),
      ...(b.clientReference ? { clientReference: b.clientReference } : {}),
    };
    const session = await store.sessions.create({
      poolId: b.poolId,
      mode: b.mode,
      firstParty: b.firstParty,
      secondParty: b.secondParty,
      ttlSeconds: b.ttlSeconds ?? deps.ttlDefaultS,
      options,
    });
    res.locals.logFields = { sessionId: session.id, poolId: session.poolId, mode: session.mode };
    res.status(201).location(`/v1/sessions/${session.id}`).json(sessionJson(session));
  };
}
