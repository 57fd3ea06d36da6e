/** Domain types shared by the store, the API and the SIP layer. */
import type { EventType } from '../events/event-types.js';

export const SESSION_MODES = ['shared', 'dedicated', 'per-participant'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export const SESSION_STATUSES = ['open', 'closed', 'expired'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface Party {
  /** The participant's real number (E.164). */
  number: string;
  /** The virtual number this participant dials and sees. */
  proxyNumber: string;
}

export interface Announcements {
  firstParty?: string;
  secondParty?: string;
}

/** Options a session carries; all may be changed while it is open. */
export interface SessionOptions {
  record: boolean;
  ringTimeoutSeconds?: number;
  callTimeLimitSeconds?: number;
  announcements?: Announcements;
  callbackUrl?: string;
  /** Event types webhooks carry for this session; absent = all. The event log keeps every event. */
  callbackEvents?: EventType[];
  metadata?: Record<string, unknown>;
  clientReference?: string;
  initiateCallToFirstParty: boolean;
}

export interface SessionStats {
  callCount: number;
  totalDurationSeconds: number;
  lastCallAt: number | null;
  lastInteractionAt: number | null;
}

/** A session as stored; times are epoch milliseconds. */
export interface Session extends SessionOptions {
  id: string;
  status: SessionStatus;
  poolId: string;
  mode: SessionMode;
  firstParty: Party;
  secondParty: Party;
  createdAt: number;
  expiresAt: number;
  updatedAt: number | null;
  /** When it was closed or expired. */
  endedAt: number | null;
  stats: SessionStats;
}

/** What a call from `from` to virtual number `to` does. */
export interface Route {
  sessionId: string;
  status: 'open';
  /** Real number of the party to call. */
  target: string;
  /** Virtual number shown to the target as caller id (the target's proxy number). */
  callerId: string;
  /** Which party is calling; out-of-session when a routing callback chose the target ('' sessionId). */
  direction: 'first-to-second' | 'second-to-first' | 'out-of-session';
  /** Session options a call needs, when the session sets them. */
  ringTimeoutSeconds?: number;
  callTimeLimitSeconds?: number;
  /** SIP path only: the call's record and call.initiated event were written as it was routed. */
  recorded?: true;
}

export interface Pool {
  id: string;
  description: string;
  createdAt: number;
  counts: {
    numbers: number;
    healthy: number;
    inUse: number;
    available: number;
    openSessions: number;
  };
}

export interface PoolNumber {
  number: string;
  poolId: string;
  country: string;
  region: string;
  capabilities: string[];
  healthy: boolean;
  cooloffUntil: number | null;
  bindings: number;
  dedicatedSessionId: string | null;
  draining: boolean;
  createdAt: number;
}

/** One page of a cursor-paginated listing. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
