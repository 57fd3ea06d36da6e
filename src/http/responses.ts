/**
 * Response schemas: the OpenAPI document shows them, and serialize.ts's return
 * types are derived from them (requests are validated by schemas.ts). Here the
 * sessions, pools, numbers, prompts and health; calls in call-responses.ts, the
 * event log, webhooks and routing decisions in event-responses.ts.
 */
import { z } from 'zod';
import { SESSION_MODES, SESSION_STATUSES } from '../masking/types.js';
import { EVENT_TYPES } from '../masking/event-types.js';

/** A point in time in every response: ISO 8601 date-time, with Z or an offset. */
export const isoTime = z.iso.datetime({ offset: true });

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
