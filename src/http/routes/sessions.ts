/** /v1/sessions: create, read, list, change, close; a session's calls. */
import { z } from 'zod';
import type { SessionOptions } from '../../masking/types.js';
import type { Store } from '../../store/index.js';
import type { OptionChanges } from '../../store/session-codec.js';
import { pageOf, sessionResponse } from '../responses.js';
import { callResponse, createdSessionResponse } from '../call-responses.js';
import type { CallRequester } from '../../sip/request-a-call.js';
import { route, type Route } from '../route.js';
import type { Schemas } from '../schemas.js';
import { callJson, sessionJson } from '../serialize.js';
import { promptIdsOf } from '../../store/prompts.js';
import { PoolExhausted } from '../../errors.js';

const sessionParam = z.object({ sessionId: z.string() });

/** Told about session lifecycle events the API causes (metrics). */
export interface SessionCounters {
  created(): void;
  closed(): void;
  /** A create refused because `poolId` had no number left. */
  exhausted(poolId: string): void;
}
const idOf = (params: Record<string, string>): string => params.sessionId ?? '';

/** POST /v1/sessions, the hottest write (mounted first). */
export function createSessionRoute(deps: { store: Store; schemas: Schemas; ttlDefaultS: number; calls: CallRequester; counters?: SessionCounters }): Route {
  const { store, schemas } = deps;
  return route({
    method: 'post', path: '/v1/sessions', operationId: 'createSession', summary: 'Create a masking session', tag: 'sessions',
    body: schemas.createSession,
    ok: { status: 201, schema: createdSessionResponse, description: 'Created (with initiateCallToFirstParty, the call it started)' }, errors: [400, 401, 404, 409, 503],
    handle: async ({ body: b, res }) => {
      if (b.announcements) await store.prompts.requireAnnouncements(b.announcements);
      // A session that should ring its first party is not created when no call can be placed.
      if (b.initiateCallToFirstParty) deps.calls.assertCanPlaceCalls();
      const options: SessionOptions = {
        record: b.record,
        ...(b.recordingChannels ? { recordingChannels: b.recordingChannels } : {}),
        ...(b.recordingPolicy ? { recordingPolicy: b.recordingPolicy } : {}),
        initiateCallToFirstParty: b.initiateCallToFirstParty,
        ...(b.ringTimeoutSeconds !== undefined ? { ringTimeoutSeconds: b.ringTimeoutSeconds } : {}),
        ...(b.callTimeLimitSeconds !== undefined ? { callTimeLimitSeconds: b.callTimeLimitSeconds } : {}),
        ...(b.announcements ? { announcements: b.announcements } : {}),
        ...(b.callbackUrl ? { callbackUrl: b.callbackUrl } : {}),
        ...(b.callbackEvents ? { callbackEvents: b.callbackEvents } : {}),
        ...(b.metadata ? { metadata: b.metadata } : {}),
        ...(b.clientReference ? { clientReference: b.clientReference } : {}),
      };
      let session;
      try {
        session = await store.sessions.create({
          poolId: b.poolId,
          mode: b.mode,
          firstParty: b.firstParty,
          secondParty: b.secondParty,
          ttlSeconds: b.ttlSeconds ?? deps.ttlDefaultS,
          options,
        });
      } catch (err) {
        if (err instanceof PoolExhausted) deps.counters?.exhausted(b.poolId);
        throw err;
      }
      deps.counters?.created();
      if (b.announcements) await store.prompts.addUser(promptIdsOf(b.announcements), { kind: 'session', id: session.id });
      res.locals.logFields = { sessionId: session.id, poolId: session.poolId, mode: session.mode };
      const call = b.initiateCallToFirstParty ? await deps.calls.requestCall(session.id, 'firstParty') : undefined;
      res.status(201).location(`/v1/sessions/${session.id}`).json({ ...sessionJson(session), ...(call ? { initiatedCall: callJson(call) } : {}) });
    },
  });
}

/** The /v1/sessions routes other than create (list, read, change, close, a session's calls, request-a-call). */
export function sessionRoutes(deps: { store: Store; schemas: Schemas; calls: CallRequester; counters?: SessionCounters }): Route[] {
  const { store, schemas } = deps;
  return [
    route({
      method: 'get', path: '/v1/sessions', operationId: 'listSessions', summary: 'List sessions (newest first, cursor pages)', tag: 'sessions',
      query: schemas.listSessions,
      ok: { status: 200, schema: pageOf(sessionResponse), description: 'A page; follow nextCursor until null' }, errors: [400, 401],
      handle: async ({ query: q, res }) => {
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
      },
    }),
    route({
      method: 'get', path: '/v1/sessions/{sessionId}', operationId: 'getSession', summary: 'Get a session (open, or closed/expired while its tombstone lives)', tag: 'sessions',
      params: sessionParam,
      ok: { status: 200, schema: sessionResponse, description: 'The session' }, errors: [401, 404],
      handle: async ({ params, res }) => {
        res.json(sessionJson(await store.sessions.require(idOf(params))));
      },
    }),
    route({
      method: 'patch', path: '/v1/sessions/{sessionId}', operationId: 'updateSession', summary: 'Change TTL or options', tag: 'sessions',
      params: sessionParam, body: schemas.updateSession,
      ok: { status: 200, schema: sessionResponse, description: 'The session' }, errors: [400, 401, 404, 410],
      handle: async ({ params, body, res }) => {
        const { ttlSeconds, ...options } = body;
        const id = idOf(params);
        const before = options.announcements !== undefined ? await store.sessions.require(id) : undefined;
        if (options.announcements) await store.prompts.requireAnnouncements(options.announcements);
        const session = await store.sessions.update(id, {
          ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
          options: options as OptionChanges,
        });
        if (before) await store.prompts.retarget(before.announcements, session.announcements, { kind: 'session', id });
        res.locals.logFields = { sessionId: session.id };
        res.json(sessionJson(session));
      },
    }),
    route({
      method: 'delete', path: '/v1/sessions/{sessionId}', operationId: 'closeSession', summary: 'Close a session (numbers freed at once)', tag: 'sessions',
      params: sessionParam,
      ok: { status: 200, schema: sessionResponse, description: 'The closed session' }, errors: [401, 404, 410],
      handle: async ({ params, res }) => {
        const session = await store.sessions.close(idOf(params));
        deps.counters?.closed();
        res.locals.logFields = { sessionId: session.id, status: session.status };
        res.json(sessionJson(session));
      },
    }),
    route({
      method: 'get', path: '/v1/sessions/{sessionId}/calls', operationId: 'listSessionCalls', summary: "A session's calls, newest first", tag: 'calls',
      params: sessionParam, query: schemas.page,
      ok: { status: 200, schema: pageOf(callResponse), description: 'A page of call records' }, errors: [400, 401, 404],
      handle: async ({ params, query, res }) => {
        const id = idOf(params);
        await store.sessions.require(id);
        const page = await store.calls.listForSession(id, query.limit, query.cursor);
        res.json({ items: page.items.map(callJson), nextCursor: page.nextCursor });
      },
    }),
    route({
      method: 'post', path: '/v1/sessions/{sessionId}/calls', operationId: 'requestCall', summary: 'Request a call: ring one participant, then the other, and connect them', tag: 'calls',
      params: sessionParam, body: schemas.requestCall,
      ok: { status: 202, schema: callResponse, description: 'Accepted: the call record (direction request-a-call); follow it with GET /v1/calls/{callId} or the events' },
      errors: [400, 401, 404, 409, 410, 503],
      handle: async ({ params, body, res }) => {
        const id = idOf(params);
        const call = await deps.calls.requestCall(id, body.to);
        res.locals.logFields = { sessionId: id, callId: call.id };
        res.status(202).location(`/v1/calls/${call.id}`).json(callJson(call));
      },
    }),
  ];
}
