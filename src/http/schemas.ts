/**
 * Request schemas. The same zod schemas validate requests and generate the
 * OpenAPI document, so the docs cannot drift from the behaviour (response
 * schemas are in responses.ts).
 */
import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js';
import { parseNumber } from '../masking/e164.js';
import { RECORDING_CHANNELS, RECORDING_POLICIES, SESSION_MODES, SESSION_STATUSES } from '../masking/types.js';
import { canonicalEventTypes, EVENT_TYPES } from '../masking/event-types.js';
import { CALL_DIRECTIONS, CALL_OUTCOMES } from '../masking/calls.js';

export const MAX_NUMBERS_PER_REQUEST = 10_000;
const MAX_METADATA_CHARS = 2048;
const MAX_METADATA_DEPTH = 8;

/** Whether a JSON value nests no deeper than `max` objects/arrays (checked without recursion). */
function withinDepth(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d > max) return false;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return true;
}

const poolId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - (1–64, starting with a letter or digit)')
  .meta({ example: 'us-east' });

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048);

/** Prompt ids: the same alphabet as pool ids (they name files on the media server). */
export const promptId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a prompt id: letters, digits, _ . - (1–64, starting with a letter or digit)')
  .meta({ example: 'welcome-en' });

const prompt = promptId.optional();
/** Per-situation prompts a session may set (a session cannot set notInSession: such a caller has no session). */
const sessionAnnouncements = z
  .strictObject({ firstParty: prompt, secondParty: prompt, sessionClosed: prompt, partyUnavailable: prompt, recordingNotice: prompt, connecting: prompt })
  .meta({
    id: 'SessionAnnouncements',
    description:
      'Prompt ids (POST /v1/prompts). firstParty/secondParty: played to that party before the other is rung (as caller) or on answer before bridging (as callee). The others replace the pool\'s or the built-in prompt for that situation. Needs a media server (MASQ_MEDIA_SERVERS).',
  });
const poolAnnouncements = z
  .strictObject({ firstParty: prompt, secondParty: prompt, notInSession: prompt, sessionClosed: prompt, partyUnavailable: prompt, recordingNotice: prompt, connecting: prompt })
  .meta({ id: 'PoolAnnouncements', description: "Prompt ids for calls on the pool's numbers, under a session's own and over the built-in ones" });
const isoTime = z.iso.datetime({ offset: true });

/** Builds the schemas; phone numbers written without + are read in `defaultRegion`. */
export function createSchemas(defaultRegion: CountryCode, limits: { ttlMaxS: number }) {
  const phone = z
    .string()
    .max(32)
    .transform((s, ctx) => {
      const p = parseNumber(s, defaultRegion);
      if (!p) {
        ctx.addIssue({ code: 'custom', message: 'not a valid phone number (E.164 expected, e.g. +14155550123)' });
        return z.NEVER;
      }
      return p;
    })
    .meta({ description: 'Phone number, E.164', example: '+14155550123' });

  const metadata = z
    .record(z.string(), z.unknown())
    .refine((m) => withinDepth(m, MAX_METADATA_DEPTH), `nested at most ${MAX_METADATA_DEPTH} levels deep`)
    .refine((m) => JSON.stringify(m).length <= MAX_METADATA_CHARS, `at most ${MAX_METADATA_CHARS} characters as JSON`)
    .meta({ description: 'Free-form JSON object, returned as given', example: { orderId: 'A-1001' } });

  const announcements = sessionAnnouncements;
  const recordingChannels = z.enum(RECORDING_CHANNELS).meta({ description: 'mono: both parties mixed; dual: caller left, callee right (default mono)' });
  const recordingPolicy = z
    .enum(RECORDING_POLICIES)
    .meta({ description: 'required: with no media server the call is refused (503, media_unavailable); best-effort: it connects unrecorded (default)' });

  const ttlSeconds = z
    .number()
    .int()
    .min(1)
    .max(limits.ttlMaxS, `must not exceed the maximum TTL of ${limits.ttlMaxS} s`)
    .meta({ description: 'Lifetime in seconds, counted from creation' });
  const ringTimeoutSeconds = z.number().int().min(1).max(600);
  const callTimeLimitSeconds = z.number().int().min(1).max(86_400);
  const clientReference = z.string().min(1).max(256);
  const callbackEvents = z
    .array(z.enum(EVENT_TYPES))
    .max(64)
    .transform((types) => canonicalEventTypes(types))
    .meta({
      description:
        'Event types webhooks deliver for this session (absent or null: all; []: none). Every event is still kept in GET /v1/events. Applies to events that happen after it is set.',
      example: ['call.completed', 'recording.ready'],
    });

  const createSession = z
    .strictObject({
      poolId,
      firstParty: phone,
      secondParty: phone.meta({ description: 'Phone number, E.164', example: '+12125550199' }),
      mode: z.enum(SESSION_MODES).default('shared'),
      ttlSeconds: ttlSeconds.optional(),
      record: z.boolean().default(false),
      recordingChannels: recordingChannels.optional(),
      recordingPolicy: recordingPolicy.optional(),
      ringTimeoutSeconds: ringTimeoutSeconds.optional(),
      callTimeLimitSeconds: callTimeLimitSeconds.optional(),
      announcements: announcements.optional(),
      callbackUrl: httpUrl.optional(),
      callbackEvents: callbackEvents.nullable().optional(),
      metadata: metadata.optional(),
      clientReference: clientReference.optional(),
      initiateCallToFirstParty: z.boolean().default(false),
    })
    .superRefine((b, ctx) => {
      if (b.firstParty && b.secondParty && b.firstParty.e164 === b.secondParty.e164) {
        ctx.addIssue({ code: 'custom', path: ['secondParty'], message: 'must differ from firstParty' });
      }
    })
    .meta({ id: 'CreateSession' });

  const updateSession = z
    .strictObject({
      ttlSeconds: ttlSeconds.optional(),
      record: z.boolean().optional(),
      recordingChannels: recordingChannels.nullable().optional(),
      recordingPolicy: recordingPolicy.nullable().optional(),
      ringTimeoutSeconds: ringTimeoutSeconds.nullable().optional(),
      callTimeLimitSeconds: callTimeLimitSeconds.nullable().optional(),
      announcements: announcements.nullable().optional(),
      callbackUrl: httpUrl.nullable().optional(),
      callbackEvents: callbackEvents.nullable().optional(),
      metadata: metadata.nullable().optional(),
      clientReference: clientReference.nullable().optional(),
      initiateCallToFirstParty: z.boolean().optional(),
    })
    .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
    .meta({ id: 'UpdateSession', description: 'null removes an option' });

  const listSessions = z.strictObject({
    poolId: poolId.optional(),
    participant: phone.optional(),
    status: z.enum(SESSION_STATUSES).optional(),
    clientReference: clientReference.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(128).optional(),
  });

  const resolveQuery = z.strictObject({ from: phone, to: phone });

  const callId = /^[0-9a-hjkmnp-tv-z]{20}$/;
  const listCalls = z
    .strictObject({
      outcome: z.enum(CALL_OUTCOMES).optional().meta({ description: "How the call turned out (see the Call schema's outcome)", example: 'completed' }),
      direction: z.enum(CALL_DIRECTIONS).optional().meta({ description: "The record's direction", example: 'first-to-second' }),
      since: isoTime.optional().meta({ description: 'Calls started at or after this time', example: '2026-12-01T09:00:00Z' }),
      until: isoTime.optional().meta({ description: 'Calls started at or before this time', example: '2026-12-01T10:00:00Z' }),
      sessionId: z.string().regex(callId, 'a session id').optional().meta({ description: "One session's calls", example: '01m83xy1j686tzxn9xvx' }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().regex(callId, 'a nextCursor from an earlier page').optional(),
    })
    .superRefine((q, ctx) => {
      if (q.since && q.until && Date.parse(q.since) > Date.parse(q.until)) ctx.addIssue({ code: 'custom', path: ['until'], message: 'must not be before since' });
    });

  const numberEntry = z.union([
    z.string().max(64),
    z.strictObject({
      number: z.string().max(64),
      capabilities: z.array(z.enum(['voice', 'sms'])).max(2).optional(),
      region: z.string().regex(/^[A-Za-z0-9 _-]{1,32}$/).optional(),
    }),
  ]);

  const addNumbers = z
    .strictObject({ numbers: z.array(numberEntry).min(1).max(MAX_NUMBERS_PER_REQUEST) })
    .meta({ id: 'AddNumbers' });

  const updateNumber = z
    .strictObject({ healthy: z.boolean().optional(), cooloffUntil: isoTime.nullable().optional() })
    .refine((b) => Object.keys(b).length > 0, 'give healthy and/or cooloffUntil')
    .meta({ id: 'UpdateNumber' });

  return {
    phone,
    createPool: z
      .strictObject({ id: poolId, description: z.string().max(256).optional(), announcements: poolAnnouncements.optional() })
      .meta({ id: 'CreatePool' }),
    updatePool: z
      .strictObject({ description: z.string().max(256).optional(), announcements: poolAnnouncements.nullable().optional() })
      .refine((b) => Object.keys(b).length > 0, 'give description and/or announcements')
      .meta({ id: 'UpdatePool', description: 'announcements replaces the whole set; null removes it' }),
    promptUploadQuery: z.strictObject({ name: z.string().min(1).max(128).optional() }),
    createSession,
    updateSession,
    listSessions,
    resolveQuery,
    addNumbers,
    updateNumber,
    page: z.strictObject({
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      cursor: z.string().max(64).optional(),
    }),
    deleteNumberQuery: z.strictObject({ drain: z.enum(['true', 'false']).default('false') }),
    requestCall: z
      .strictObject({ to: z.enum(['firstParty', 'secondParty']).meta({ description: 'The participant rung first; the other is rung once it answers' }) })
      .meta({ id: 'RequestCall' }),
    listCalls,
    listEvents: z.strictObject({
      sessionId: z.string().max(64).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().regex(/^\d{1,20}-\d{1,20}$/, 'an event id').optional(),
    }),
  };
}

export type Schemas = ReturnType<typeof createSchemas>;
