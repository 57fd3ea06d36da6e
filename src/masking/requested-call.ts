/**
 * The life of a request-a-call, as a pure state machine: Masq rings the first
 * party, and once it answers rings the second, then bridges them. What the SIP
 * side observes (a leg ringing, answering, failing, hanging up; a timer firing)
 * goes in as an event; what comes out is the next state and, when the call is
 * over, how it ended — which the SIP side then carries out and records.
 *
 * In the record and events the first leg plays the caller (it is rung first and
 * hears the other party ringing) and the second the callee, so hungUpBy reads
 * as on an inbound call; `failedLeg` says which leg a failure came from.
 *
 * | state          | first leg            | second leg           |
 * |----------------|----------------------|----------------------|
 * | initiated      | INVITE sent          | —                    |
 * | first-ringing  | ringing              | —                    |
 * | connecting     | answered             | INVITE sent          |
 * | second-ringing | answered             | ringing              |
 * | bridged        | answered             | answered             |
 * | ended          | gone                 | gone                 |
 */
import type { CallLeg, HungUpBy } from './calls.js';

export type RequestedCallState = 'initiated' | 'first-ringing' | 'connecting' | 'second-ringing' | 'bridged' | 'ended';

export type RequestedCallEvent =
  | { type: 'ringing'; leg: CallLeg }
  | { type: 'answered'; leg: CallLeg }
  /** The leg's INVITE failed: a final status, or no answer within the ring timeout. */
  | { type: 'failed'; leg: CallLeg; status?: number; timedOut?: boolean }
  /** The leg's party hung up (BYE) or, while ringing, the leg was lost. */
  | { type: 'hangup'; leg: CallLeg }
  /** The leg stopped answering session refreshes. */
  | { type: 'session-expired'; leg: CallLeg }
  | { type: 'time-limit' }
  | { type: 'shutdown' }
  /** Something on Masq's side broke (a media server lost, an SDP that cannot be used). */
  | { type: 'error'; reason: string };

/** How the call ended, for the record and the events. */
export interface RequestedCallEnd {
  reason: string;
  hungUpBy: HungUpBy;
  /** The failing leg's final status; 200 once bridged. */
  sipStatus: number;
  /** The leg a failure came from (null: the call was bridged, or Masq ended it). */
  failedLeg: CallLeg | null;
}

export interface RequestedCallStep {
  state: RequestedCallState;
  /** Set when this event ends the call. */
  end?: RequestedCallEnd;
}

const role = (leg: CallLeg): HungUpBy => (leg === 'first' ? 'caller' : 'callee');

/** Which leg is live in a state: the one whose events count. */
function ringingLeg(state: RequestedCallState): CallLeg | undefined {
  if (state === 'initiated' || state === 'first-ringing') return 'first';
  if (state === 'connecting' || state === 'second-ringing') return 'second';
  return undefined;
}

function ended(end: RequestedCallEnd): RequestedCallStep {
  return { state: 'ended', end };
}

/**
 * The next state of a request-a-call after `ev`. An event that does not apply
 * (a late ringing, a second hang-up) leaves the state as it is.
 *
 * @example step('second-ringing', { type: 'failed', leg: 'second', status: 486 })
 *   // → { state: 'ended', end: { reason: 'callee-rejected', hungUpBy: 'callee', sipStatus: 486, failedLeg: 'second' } }
 */
export function step(state: RequestedCallState, ev: RequestedCallEvent): RequestedCallStep {
  if (state === 'ended') return { state };
  const live = ringingLeg(state);
  const bridged = state === 'bridged';
  switch (ev.type) {
    case 'ringing':
      if (ev.leg !== live) return { state };
      return { state: ev.leg === 'first' ? 'first-ringing' : 'second-ringing' };
    case 'answered':
      if (ev.leg !== live) return { state };
      return { state: ev.leg === 'first' ? 'connecting' : 'bridged' };
    case 'failed': {
      if (ev.leg !== live) return { state };
      if (ev.timedOut) return ended({ reason: 'ring-timeout', hungUpBy: 'masq', sipStatus: 480, failedLeg: ev.leg });
      // No status: the INVITE never got an answer (transport failure), which is Masq's side.
      const refused = ev.status !== undefined && ev.status >= 400;
      const status = ev.status ?? 502;
      return ended({ reason: refused ? 'callee-rejected' : 'outbound-error', hungUpBy: refused ? role(ev.leg) : 'masq', sipStatus: status, failedLeg: ev.leg });
    }
    case 'hangup':
      if (bridged) return ended({ reason: `${role(ev.leg)}-hangup`, hungUpBy: role(ev.leg), sipStatus: 200, failedLeg: null });
      // The first party gave up while the second was being rung: that leg's call stops.
      if (ev.leg === 'first' && live === 'second') return ended({ reason: 'caller-hangup', hungUpBy: 'caller', sipStatus: 487, failedLeg: null });
      // The second party hung up as it answered, before the bridge was made.
      if (ev.leg === 'second' && live === 'second') return ended({ reason: 'callee-hangup', hungUpBy: 'callee', sipStatus: 200, failedLeg: null });
      return { state };
    case 'session-expired':
      if (!bridged && !(ev.leg === 'first' && live === 'second')) return { state };
      return ended({ reason: 'session-expired', hungUpBy: role(ev.leg), sipStatus: bridged ? 200 : 487, failedLeg: null });
    case 'time-limit':
      return bridged ? ended({ reason: 'time-limit', hungUpBy: 'masq', sipStatus: 200, failedLeg: null }) : { state };
    case 'shutdown':
      return ended({ reason: 'shutdown', hungUpBy: 'masq', sipStatus: bridged ? 200 : 503, failedLeg: null });
    case 'error':
      return ended({ reason: ev.reason, hungUpBy: 'masq', sipStatus: bridged ? 200 : 503, failedLeg: bridged ? null : (live ?? null) });
  }
}
