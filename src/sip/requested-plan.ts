/**
 * A request-a-call as the API decided it — who is rung first, from which
 * numbers, with which limits and media options — and the route and record
 * writer every way of carrying it reads.
 */
import type { PartyRole } from '../masking/calls.js';
import type { Route, RouteMedia } from '../masking/types.js';
import { CallRecordWriter, type CallRecordDeps } from './call-record.js';

/** One party's leg: the real number rung and the virtual number shown to it. */
export interface LegTarget {
  target: string;
  callerId: string;
}

/** What the API decided: who is rung first, from which numbers, with which limits. */
export interface RequestedCallPlan {
  id: string;
  sessionId: string;
  /** When the API accepted the request (ms). */
  startedAt: number;
  firstLeg: PartyRole;
  first: LegTarget;
  second: LegTarget;
  ringTimeoutSeconds?: number;
  callTimeLimitSeconds?: number;
  /** The session's media options (prompts, recording): with a media server, the call goes through it. */
  media?: RouteMedia;
}

/** The route a request-a-call's record and media plan read: its first leg, as the caller's call. */
export function requestedRoute(plan: RequestedCallPlan): Route {
  return {
    sessionId: plan.sessionId,
    status: 'open',
    target: plan.first.target,
    callerId: plan.first.callerId,
    direction: 'request-a-call',
    recorded: true,
    ...(plan.ringTimeoutSeconds !== undefined ? { ringTimeoutSeconds: plan.ringTimeoutSeconds } : {}),
    ...(plan.callTimeLimitSeconds !== undefined ? { callTimeLimitSeconds: plan.callTimeLimitSeconds } : {}),
    ...(plan.media ? { media: plan.media } : {}),
  };
}

/** The record writer of a request-a-call (its first write was the API's). */
export function requestedRecord(plan: RequestedCallPlan, deps: CallRecordDeps): CallRecordWriter {
  return new CallRecordWriter({ id: plan.id, route: requestedRoute(plan), startedAt: plan.startedAt, virtualNumber: plan.first.callerId }, deps);
}

