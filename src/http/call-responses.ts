/**
 * Response schemas of calls: the call record, its recording, and the session
 * created together with a request-a-call (see responses.ts for the rest).
 */
import { z } from 'zod';
import { CALL_OUTCOMES } from '../masking/calls.js';
import { isoTime, sessionResponse } from './responses.js';

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
