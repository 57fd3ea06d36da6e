/** Domain types shared by the store, the API and the SIP layer. */
import type { EventType } from './event-types.js';
import type { CallDirection } from './calls.js';

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
  /** The session the call belongs to; null when a routing callback chose the target (no session). */
  sessionId: string | null;
  status: 'open';
  /** Real number of the party to call. */
  target: string;
  /** Virtual number shown to the target as caller id (the target's proxy number). */
  callerId: string;
  /** Which party is calling; out-of-session when a routing callback chose the target. */
  direction: CallDirection;
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

/** A call being routed: what its record starts with. */
export interface CallArrival {
  id: string;
  /** When the INVITE arrived (ms). */
  startedAt: number;
  /** The instance's ring timeout and call time limit (a session's own win): they bound the call's life. */
  ringTimeoutS: number;
  callTimeLimitS: number;
  /** Most calls at once per session / per virtual number (0: no limit). */
  maxPerSession?: number;
  maxPerNumber?: number;
}

/** The raw answer of the routing lookup (see resolve_route in lib.lua). */
export type ResolveResult =
  | {
      kind: 'open';
      sessionId: string;
      mode: SessionMode;
      /** Which party is calling. */
      direction: 'first' | 'second';
      a: string;
      b: string;
      va: string;
      vb: string;
      ringTimeoutSeconds?: number;
      callTimeLimitSeconds?: number;
      /** The call (CallArrival) is recorded and its call.initiated event written. */
      recorded?: true;
    }
  | { kind: 'ended'; sessionId: string; status: 'closed' | 'expired' }
  | { kind: 'not_in_session' }
  | { kind: 'busy'; sessionId: string; scope: 'session' | 'number' }
  | { kind: 'number_not_found' };
