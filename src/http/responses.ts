/**
 * Response schemas: the OpenAPI document shows them, and serialize.ts's return
 * types are derived from them (requests are validated by schemas.ts).
 */
import { z } from 'zod';
import { SESSION_MODES, SESSION_STATUSES } from '../masking/types.js';
import { EVENT_TYPES } from '../masking/event-types.js';
import { CALL_OUTCOMES } from '../masking/calls.js';

const isoTime = z.iso.datetime({ offset: true });

const party = z.object({
  number: z.string().meta({ example: '+14155550123' }),
  proxyNumber: z.string().meta({ description: 'Virtual number this party dials and sees', example: '+12025550100' }),
});

const announcementsShown = z
  .object({
    firstParty: z.string().optional(),
    secondParty: z.string().optional(),
    notInSession: z.string().optional(),
    sessionClosed: z.string().optional(),
    partyUnavailable: z.string().optional(),
    connecting: z.string().optional(),
    recordingNotice: z.string().optional(),
  })
  .meta({ description: 'Prompt ids by situation' });

export const sessionResponse = z
  .object({
    id: z.string(),
    status: z.enum(SESSION_STATUSES),
    poolId: z.string(),
    mode: z.enum(SESSION_MODES),
    firstParty: party,
    secondParty: party,
    createdAt: isoTime,
    expiresAt: isoTime,
    updatedAt: isoTime.nullable(),
    endedAt: isoTime.nullable().meta({ description: 'When it was closed or expired' }),
    ttlSeconds: z.number().int(),
    record: z.boolean(),
    ringTimeoutSeconds: z.number().int().optional(),
    callTimeLimitSeconds: z.number().int().optional(),
    announcements: announcementsShown.optional(),
    recordingChannels: z.enum(['mono', 'dual']).optional(),
    recordingPolicy: z.enum(['required', 'best-effort']).optional(),
    callbackUrl: z.string().optional(),
    callbackEvents: z.array(z.enum(EVENT_TYPES)).optional().meta({ description: 'Event types webhooks deliver; absent = all' }),
    metadata: z.record(z.string(), z.unknown()).optional(),
    clientReference: z.string().optional(),
    initiateCallToFirstParty: z.boolean(),
    stats: z.object({
      callCount: z.number().int(),
      totalDurationSeconds: z.number().int(),
      lastCallAt: isoTime.nullable(),
      lastInteractionAt: isoTime.nullable(),
    }),
  })
  .meta({
    id: 'Session',
    example: {
      id: '01m8qgnxft8g3p0vbf8b',
      status: 'open',
      poolId: 'us-east',
      mode: 'shared',
      firstParty: { number: '+14155550123', proxyNumber: '+12025550100' },
      secondParty: { number: '+12125550199', proxyNumber: '+12025550100' },
      createdAt: '2026-12-01T09:30:00.000Z',
      expiresAt: '2026-12-01T13:30:00.000Z',
      updatedAt: null,
      endedAt: null,
      ttlSeconds: 14400,
      record: false,
      metadata: { orderId: 'A-1001' },
      clientReference: 'ride-42',
      initiateCallToFirstParty: false,
      stats: { callCount: 0, totalDurationSeconds: 0, lastCallAt: null, lastInteractionAt: null },
    },
  });

export const poolResponse = z
  .object({
    id: z.string(),
    description: z.string(),
    announcements: announcementsShown.optional(),
    createdAt: isoTime,
    counts: z.object({
      numbers: z.number().int(),
      healthy: z.number().int(),
      inUse: z.number().int().meta({ description: 'Numbers with at least one open binding' }),
      available: z.number().int().meta({ description: 'Numbers open to new sessions now' }),
      openSessions: z.number().int(),
    }),
  })
  .meta({
    id: 'Pool',
    example: { id: 'us-east', description: 'East coast DIDs', createdAt: '2026-12-01T09:00:00.000Z', counts: { numbers: 500, healthy: 498, inUse: 120, available: 378, openSessions: 310 } },
  });

export const numberResponse = z
  .object({
    number: z.string(),
    poolId: z.string(),
    country: z.string(),
    region: z.string(),
    capabilities: z.array(z.string()),
    healthy: z.boolean(),
    cooloffUntil: isoTime.nullable(),
    bindings: z.number().int(),
    dedicatedSessionId: z.string().nullable(),
    draining: z.boolean(),
    createdAt: isoTime,
  })
  .meta({ id: 'PoolNumber' });

export const addNumbersResponse = z
  .object({
    added: z.number().int(),
    duplicates: z.number().int(),
    invalid: z.array(z.object({ index: z.number().int(), value: z.string(), message: z.string() })),
  })
  .meta({ id: 'AddNumbersResult' });

export const resolveResponse = z
  .object({
    sessionId: z.string(),
    status: z.literal('open'),
    target: z.string().meta({ description: 'Real number the call goes to' }),
    callerId: z.string().meta({ description: 'Virtual number the target sees' }),
    direction: z.enum(['first-to-second', 'second-to-first']),
  })
  .meta({ id: 'Route' });

export const errorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

/** Wraps an item schema as a cursor page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const recordingResponse = z
  .object({
    id: z.string().nullable().meta({ description: "The media layer's recording id" }),
    status: z.enum(['ready', 'failed']),
    url: z.string().nullable(),
    durationSeconds: z.number().int().nullable(),
    reason: z.string().nullable().meta({ description: 'Why it failed' }),
  })
  .meta({ id: 'Recording' });

export const callResponse = z
  .object({
    id: z.string(),
    sessionId: z.string().nullable(),
    direction: z
      .enum(['first-to-second', 'second-to-first', 'out-of-session', 'request-a-call'])
      .nullable()
      .meta({ description: 'Which party called; out-of-session when the routing callback chose the target; request-a-call when the application asked Masq to ring both; null when the call was turned away' }),
    virtualNumber: z.string().meta({ description: 'The virtual number dialled; for request-a-call, the one the first leg sees as caller ID', example: '+12025550100' }),
    state: z.enum(['initiated', 'ringing', 'answered', 'completed', 'failed']).meta({ description: 'initiated: a request-a-call whose first leg is not ringing yet' }),
    outcome: z.enum(CALL_OUTCOMES).meta({
      description:
        'How the call turned out, from state, endReason and sipStatus: in-progress (not ended), completed (answered), canceled (the caller hung up first), rejected (turned away by Masq before anybody was rung), busy (486/600), no-answer (ring timeout, 408/480), failed (anything else unanswered). GET /v1/calls filters on it.',
    }),
    startedAt: isoTime,
    ringingAt: isoTime.nullable(),
    answeredAt: isoTime.nullable(),
    endedAt: isoTime.nullable(),
    durationSeconds: z.number().int(),
    totalMs: z.number().int().nullable(),
    sipStatus: z.number().int().nullable(),
    hungUpBy: z.enum(['caller', 'callee', 'masq']).nullable(),
    endReason: z.string().nullable().meta({ description: 'caller-hangup, callee-hangup, caller-cancel, callee-rejected, ring-timeout, time-limit, shutdown, outbound-error, a routing error code (not_in_session, …), or ended-by-sweep (the instance handling it died; duration unknown)' }),
    refusedTransfers: z.number().int().meta({ description: 'Transfers (SIP REFER) a party attempted during the call; Masq refuses every one' }),
    recording: recordingResponse.nullable().meta({ description: 'Set once the media layer has stored the recording, or failed to' }),
    firstLeg: z.enum(['firstParty', 'secondParty']).nullable().meta({ description: 'request-a-call: the participant rung first (the record calls that leg the caller, the other the callee); null for other calls' }),
    failedLeg: z.enum(['first', 'second']).nullable().meta({ description: 'request-a-call: the leg a failure came from; null otherwise' }),
  })
  .meta({ id: 'Call' });

/** A finished call, as the examples of the call routes show one. */
export const callExample: z.input<typeof callResponse> = {
  id: '01m9a3k2vd7q0c5h8n4r',
  sessionId: '01m8qgnxft8g3p0vbf8b',
  direction: 'first-to-second',
  virtualNumber: '+12025550100',
  state: 'completed',
  outcome: 'completed',
  startedAt: '2026-12-01T09:41:07.120Z',
  ringingAt: '2026-12-01T09:41:07.262Z',
  answeredAt: '2026-12-01T09:41:11.904Z',
  endedAt: '2026-12-01T09:41:53.930Z',
  durationSeconds: 42,
  totalMs: 46810,
  sipStatus: 200,
  hungUpBy: 'callee',
  endReason: 'callee-hangup',
  refusedTransfers: 0,
  recording: null,
  firstLeg: null,
  failedLeg: null,
};

/** POST /v1/sessions: the session, and the call it started when asked to (initiateCallToFirstParty). */
export const createdSessionResponse = sessionResponse
  .extend({ initiatedCall: callResponse.optional().meta({ description: 'With initiateCallToFirstParty: the request-a-call started, ringing the first party' }) })
  .meta({ id: 'CreatedSession' });

export const eventResponse = z
  .object({
    id: z.string().meta({ description: 'Idempotency key (ordered)', example: '1795430260710-0' }),
    type: z.enum(EVENT_TYPES),
    occurredAt: isoTime,
    sessionId: z.string(),
    clientReference: z.string().nullable(),
    metadata: z.unknown(),
    session: z.record(z.string(), z.unknown()),
    call: z.record(z.string(), z.unknown()).optional(),
    recording: recordingResponse.optional().meta({ description: 'recording.ready / recording.failed only' }),
  })
  .meta({ id: 'Event' });

export const webhookStatsResponse = z
  .object({
    pending: z.number().int().meta({ description: 'Events waiting for delivery, being retried or in flight' }),
    sessionsWaiting: z.number().int().meta({ description: 'Sessions with at least one pending event (each delivers one at a time, in order)' }),
    retrying: z.number().int().meta({ description: 'Pending events that have failed at least once' }),
    dead: z.number().int().meta({ description: 'Dead letters (GET /v1/webhooks/dead)' }),
    oldestPendingAgeSeconds: z.number().nullable().meta({ description: 'How long ago the oldest pending event happened; null when none is pending' }),
    undispatched: z.number().int().meta({ description: 'Logged events no delivery worker has picked up yet (normally 0; grows when no worker runs)' }),
  })
  .meta({ id: 'WebhookStats' });

export const deadLetterResponse = z
  .object({
    eventId: z.string(),
    sessionId: z.string(),
    attempts: z.number().int(),
    lastError: z.string(),
    deadAt: isoTime,
    event: eventResponse.nullable().meta({ description: 'The event, while the log still holds it' }),
  })
  .meta({ id: 'DeadLetter' });

export const retryQueuedResponse = z.object({ eventId: z.string(), status: z.literal('queued') }).meta({ id: 'RetryQueued' });

export const healthResponse = z.object({ status: z.literal('ok'), activeCalls: z.number().int() }).meta({ id: 'Health' });

export const readinessResponse = z
  .object({
    status: z.enum(['ready', 'unavailable']),
    failed: z.array(z.string()).optional().meta({ description: 'Dependencies that did not answer' }),
    draining: z.boolean().optional(),
    checks: z.record(z.string(), z.object({ status: z.enum(['up', 'down']), error: z.string().optional() })),
    media: z
      .array(z.object({ name: z.string(), status: z.enum(['up', 'down']), calls: z.number().int(), error: z.string().optional() }))
      .optional()
      .meta({ description: 'Each FreeSWITCH media server (when configured): shown, never making Masq unready' }),
    drachtio: z
      .array(z.object({ name: z.string(), status: z.enum(['up', 'down']) }))
      .optional()
      .meta({ description: 'Each drachtio-server (with SIP on): the `sip` check is up while at least one is attached' }),
  })
  .meta({ id: 'Readiness' });

export const drainResponse = z
  .object({ status: z.literal('draining'), bindings: z.number().int().meta({ description: 'Open sessions still bound to it' }) })
  .meta({ id: 'Draining' });

export const promptResponse = z
  .object({
    id: z.string(),
    name: z.string(),
    sampleRate: z.number().int().meta({ example: 8000 }),
    durationMs: z.number().int(),
    bytes: z.number().int(),
    version: z.string().meta({ description: 'Changes whenever the audio is replaced' }),
    createdAt: isoTime,
    builtIn: z.boolean().meta({ description: 'Shipped with Masq (may be replaced; restored at start when deleted)' }),
    audioUrl: z.string().meta({ example: '/v1/prompts/welcome-en' }),
  })
  .meta({ id: 'Prompt' });

export const routingDecisionResponse = z
  .object({
    id: z.string().meta({ description: 'Ordered id', example: '1795430260710-0' }),
    callId: z.string(),
    decidedAt: isoTime,
    reason: z.string().meta({ description: 'Why no open session matched: not_in_session, session_expired, session_closed' }),
    sessionId: z.string().nullable(),
    action: z.enum(['dial', 'play', 'reject', 'default']).meta({ description: 'What the callback answered; default when it failed or answered nothing usable' }),
    sipStatus: z.number().int().optional().meta({ description: 'reject: the status asked for' }),
    prompt: z.string().optional().meta({ description: 'play: the prompt id' }),
    target: z.string().optional().meta({ description: 'dial: the number to call, masked' }),
    callerId: z.string().optional().meta({ description: 'dial: the caller id asked for, masked' }),
    why: z.string().optional().meta({ description: 'default: what went wrong (HTTP status, timeout, invalid answer)' }),
    ms: z.number().int().meta({ description: 'How long the callback took' }),
  })
  .meta({ id: 'RoutingDecision' });
