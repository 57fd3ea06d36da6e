/**
 * Request-a-call, as the API starts it: checks the session and the SIP side,
 * writes the call's record (the session's one request-a-call at a time is held
 * in Redis by the same step), and hands the call to the SIP runtime. Nothing is
 * rung unless every check passed.
 */
import { CallInProgress, SessionClosed, SessionExpired, SessionNotFound, SipUnavailable } from '../errors.js';
import type { PartyRole } from '../masking/calls.js';
import { newCallId } from '../masking/ids.js';
import type { Session } from '../masking/types.js';
import type { CallRecord, CallStore } from '../store/calls.js';
import { OPEN_CALL_GRACE_MS } from '../store/keys.js';
import type { SessionStore } from '../store/sessions.js';
import type { RequestedCallPlan } from './requested-plan.js';
import type { SipRuntime } from './runtime.js';

export interface CallRequester {
  /** Starts a request-a-call on an open session, ringing `to` first; resolves with its record (state initiated). */
  requestCall(sessionId: string, to: PartyRole): Promise<CallRecord>;
  /** Throws SipUnavailable when no call could be placed now (checked before a session is created with a call). */
  assertCanPlaceCalls(): void;
}

export interface CallRequesterDeps {
  sessions: Pick<SessionStore, 'get'>;
  calls: Pick<CallStore, 'startRequested' | 'update' | 'get'>;
  sip: Pick<SipRuntime, 'canPlaceCalls' | 'requestCall'> | undefined;
  ringTimeoutS: number;
  callTimeLimitS: number;
}

const other = (p: PartyRole): PartyRole => (p === 'firstParty' ? 'secondParty' : 'firstParty');

function ended(s: Session | undefined, id: string): Error | undefined {
  if (!s) return new SessionNotFound(id);
  if (s.status === 'closed') return new SessionClosed(id);
  if (s.status !== 'open') return new SessionExpired(id);
  return undefined;
}

/** The API's side of request-a-call. */
export function createCallRequester(deps: CallRequesterDeps): CallRequester {
  const assertCanPlaceCalls = (): void => {
    if (!deps.sip) throw new SipUnavailable('SIP is off on this instance (MASQ_SIP_ENABLED=false)');
    if (!deps.sip.canPlaceCalls()) throw new SipUnavailable('not attached to drachtio-server');
  };
  return {
    assertCanPlaceCalls,
    async requestCall(sessionId, to) {
      const session = await deps.sessions.get(sessionId);
      const why = ended(session, sessionId);
      if (why || !session) throw why;
      assertCanPlaceCalls();
      const ringS = session.ringTimeoutSeconds ?? deps.ringTimeoutS;
      const limitS = session.callTimeLimitSeconds ?? deps.callTimeLimitS;
      const startedAt = Date.now();
      const plan: RequestedCallPlan = {
        id: newCallId(startedAt),
        sessionId,
        startedAt,
        firstLeg: to,
        first: { target: session[to].number, callerId: session[to].proxyNumber },
        second: { target: session[other(to)].number, callerId: session[other(to)].proxyNumber },
        ringTimeoutSeconds: ringS,
        callTimeLimitSeconds: limitS,
        media: {
          poolId: session.poolId,
          record: session.record,
          ...(session.recordingChannels ? { recordingChannels: session.recordingChannels } : {}),
          ...(session.recordingPolicy ? { recordingPolicy: session.recordingPolicy } : {}),
          ...(session.announcements ? { announcements: session.announcements } : {}),
        },
      };
      // Two legs ring one after the other, then the call may last its limit.
      const deadline = startedAt + (2 * ringS + limitS) * 1000 + OPEN_CALL_GRACE_MS;
      const r = await deps.calls.startRequested({ id: plan.id, sessionId, firstLeg: to, virtualNumber: plan.first.callerId, startedAt, deadline });
      if (r === 'busy') throw new CallInProgress(sessionId);
      if (r !== 'ok') throw r === 'not_found' ? new SessionNotFound(sessionId) : r === 'closed' ? new SessionClosed(sessionId) : new SessionExpired(sessionId);
      try {
        (deps.sip as Pick<SipRuntime, 'requestCall'>).requestCall(plan);
      } catch (err) {
        // Detached between the check and now: the record says so, and the session is free again.
        await deps.calls.update(plan.id, sessionId, { state: 'failed', endedAt: Date.now(), sipStatus: 503, hungUpBy: 'masq', endReason: 'sip_unavailable' }, 'call.failed', { seq: 2 });
        throw err;
      }
      const record = await deps.calls.get(plan.id);
      if (!record) throw new SessionNotFound(sessionId);
      return record;
    },
  };
}
