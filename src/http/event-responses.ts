/**
 * Response schemas of the logs: the event log, webhook delivery's backlog and
 * dead letters, and the routing callback's decisions.
 */
import { z } from 'zod';
import { EVENT_TYPES } from '../masking/event-types.js';
import { recordingResponse } from './call-responses.js';
import { isoTime } from './responses.js';

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
