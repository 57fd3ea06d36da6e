/**
 * Domain objects → API JSON (ISO times, derived fields). Each function's return
 * type is its response schema's, so a shape that drifts from the document fails
 * to compile.
 */
import type { z } from 'zod';
import type { Pool, PoolNumber, Session } from '../masking/types.js';
import type { CallRecord } from '../store/calls.js';
import { callOutcome } from '../masking/calls.js';
import type { Prompt } from '../store/prompts.js';
import type { numberResponse, poolResponse, promptResponse, sessionResponse } from './responses.js';
import type { callResponse } from './call-responses.js';

const at = (ms: number): string => new Date(ms).toISOString();
const iso = (ms: number | null): string | null => (ms === null ? null : at(ms));

/** A session as the API shows it (times as ISO strings, options only when set). */
export function sessionJson(s: Session): z.input<typeof sessionResponse> {
  return {
    id: s.id,
    status: s.status,
    poolId: s.poolId,
    mode: s.mode,
    firstParty: s.firstParty,
    secondParty: s.secondParty,
    createdAt: at(s.createdAt),
    expiresAt: at(s.expiresAt),
    updatedAt: iso(s.updatedAt),
    endedAt: iso(s.endedAt),
    ttlSeconds: Math.round((s.expiresAt - s.createdAt) / 1000),
    record: s.record,
    ...(s.recordingChannels ? { recordingChannels: s.recordingChannels } : {}),
    ...(s.recordingPolicy ? { recordingPolicy: s.recordingPolicy } : {}),
    ...(s.ringTimeoutSeconds !== undefined ? { ringTimeoutSeconds: s.ringTimeoutSeconds } : {}),
    ...(s.callTimeLimitSeconds !== undefined ? { callTimeLimitSeconds: s.callTimeLimitSeconds } : {}),
    ...(s.announcements ? { announcements: s.announcements } : {}),
    ...(s.callbackUrl ? { callbackUrl: s.callbackUrl } : {}),
    ...(s.callbackEvents ? { callbackEvents: s.callbackEvents } : {}),
    ...(s.metadata ? { metadata: s.metadata } : {}),
    ...(s.clientReference ? { clientReference: s.clientReference } : {}),
    initiateCallToFirstParty: s.initiateCallToFirstParty,
    stats: {
      callCount: s.stats.callCount,
      totalDurationSeconds: s.stats.totalDurationSeconds,
      lastCallAt: iso(s.stats.lastCallAt),
      lastInteractionAt: iso(s.stats.lastInteractionAt),
    },
  };
}

/** A pool as the API shows it. */
export function poolJson(p: Pool): z.input<typeof poolResponse> {
  return {
    id: p.id,
    description: p.description,
    ...(p.announcements ? { announcements: p.announcements } : {}),
    createdAt: at(p.createdAt),
    counts: p.counts,
  };
}

/** A pool number as the API shows it. */
export function numberJson(n: PoolNumber): z.input<typeof numberResponse> {
  return { ...n, cooloffUntil: iso(n.cooloffUntil), createdAt: at(n.createdAt) };
}

/** A call record as the API shows it (times as ISO strings, and its outcome). */
export function callJson(c: CallRecord): z.input<typeof callResponse> {
  return {
    ...c,
    outcome: callOutcome(c),
    startedAt: at(c.startedAt),
    ringingAt: iso(c.ringingAt),
    answeredAt: iso(c.answeredAt),
    endedAt: iso(c.endedAt),
  };
}

/** A prompt's metadata as the API shows it. */
export function promptJson(p: Prompt): z.input<typeof promptResponse> {
  return { ...p, createdAt: at(p.createdAt), audioUrl: `/v1/prompts/${p.id}` };
}
