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

/**
 * Prompt ids to play, by situation. Sessions and pools both carry them; a call
 * takes the session's, then the pool's, then the built-in default.
 */
export interface Announcements {
  /** To the first party before the second is rung (when the first calls) or on answer (whisper). */
  firstParty?: string;
  /** The same for the second party. */
  secondParty?: string;
  /** A caller who is no participant of an open session on the number (pool and default only). */
  notInSession?: string;
  /** A caller whose session has expired or was closed. */
  sessionClosed?: string;
  /** The other party is busy, does not answer, or cannot be reached. */
  partyUnavailable?: string;
  /** That the call is recorded, to each party, when recording is on. */
  recordingNotice?: string;
  /** Request-a-call: to the party rung first, once it answers, before it hears ringback. */
  connecting?: string;
}

export const ANNOUNCEMENT_SITUATIONS = ['firstParty', 'secondParty', 'notInSession', 'sessionClosed', 'partyUnavailable', 'recordingNotice', 'connecting'] as const;
export type AnnouncementSituation = (typeof ANNOUNCEMENT_SITUATIONS)[number];

export const RECORDING_CHANNELS = ['mono', 'dual'] as const;
export type RecordingChannels = (typeof RECORDING_CHANNELS)[number];
/** required: no media server → the call is refused; best-effort: it connects unrecorded. */
export const RECORDING_POLICIES = ['required', 'best-effort'] as const;
export type RecordingPolicy = (typeof RECORDING_POLICIES)[number];

/** Options a session carries; all may be changed while it is open. */
export interface SessionOptions {
  record: boolean;
  /** mono (both parties mixed) or dual (caller left, callee right); default mono. */
  recordingChannels?: RecordingChannels;
  /** Default best-effort. */
  recordingPolicy?: RecordingPolicy;
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
  /** SIP path only: the session's pool, recording and announcement options. */
  media?: RouteMedia;
}

/** A session's options that decide whether a call goes through a media server. */
export interface RouteMedia {
  poolId: string;
  record: boolean;
  recordingChannels?: RecordingChannels;
  recordingPolicy?: RecordingPolicy;
  announcements?: Announcements;
}

export interface Pool {
  id: string;
  description: string;
  /** Prompts for calls on this pool's numbers (under a session's own, over the defaults). */
  announcements?: Announcements;
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
      /** What the media path needs to know of the session. */
      media?: RouteMedia;
    }
  | { kind: 'ended'; sessionId: string; status: 'closed' | 'expired' }
  | { kind: 'not_in_session' }
  | { kind: 'busy'; sessionId: string; scope: 'session' | 'number' }
  | { kind: 'number_not_found' };
