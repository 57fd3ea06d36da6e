/**
 * The vocabulary of calls, shared by routing, the SIP side, the store and the
 * events: who calls whom, how a call stands, who ended it.
 */
import type { EventType } from './event-types.js';

/**
 * Which party called; out-of-session when the routing callback chose the target;
 * request-a-call when the application asked Masq to ring both parties.
 */
export type CallDirection = 'first-to-second' | 'second-to-first' | 'out-of-session' | 'request-a-call';

/** How a call stands in its record (initiated: a request-a-call not yet ringing). */
export type CallState = 'initiated' | 'ringing' | 'answered' | 'completed' | 'failed';

/** A session's participant, as the API names them. */
export type PartyRole = 'firstParty' | 'secondParty';

/** The legs of a request-a-call: the party rung first, then the other. */
export type CallLeg = 'first' | 'second';

/** Who ended a call: a party, or Masq itself (a timer, a limit, shutdown). */
export type HungUpBy = 'caller' | 'callee' | 'masq';

/** The event types of a call's life. */
export type CallEventType = Extract<EventType, `call.${string}`>;

/**
 * How a call turned out, as operators filter calls: the record's state, end
 * reason and final SIP status folded into one word.
 *
 * | outcome     | when                                                              |
 * |-------------|-------------------------------------------------------------------|
 * | in-progress | not ended yet (initiated, ringing, answered)                      |
 * | completed   | answered, then ended                                              |
 * | canceled    | the caller hung up before an answer (CANCEL)                      |
 * | rejected    | turned away by Masq before anybody was rung (no session, a limit) |
 * | busy        | the callee answered busy (486, 600)                               |
 * | no-answer   | nobody answered in the ring timeout (or 408 / 480)                |
 * | failed      | anything else that ended unanswered (declined, errors, shutdown)  |
 */
export const CALL_OUTCOMES = ['in-progress', 'completed', 'canceled', 'rejected', 'busy', 'no-answer', 'failed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** The directions a call record can carry (null: the call was turned away). */
export const CALL_DIRECTIONS = ['first-to-second', 'second-to-first', 'out-of-session', 'request-a-call'] as const satisfies readonly CallDirection[];

/**
 * The outcome of a call record (see CALL_OUTCOMES).
 *
 * @example callOutcome({ state: 'failed', direction: 'first-to-second', endReason: 'callee-rejected', sipStatus: 486 }) // 'busy'
 */
export function callOutcome(c: { state: CallState; direction: CallDirection | null; endReason: string | null; sipStatus: number | null }): CallOutcome {
  if (c.state === 'completed') return 'completed';
  if (c.state !== 'failed') return 'in-progress';
  if (c.endReason === 'caller-cancel') return 'canceled';
  // The routing step records a call it turns away without a direction.
  if (c.direction === null) return 'rejected';
  if (c.endReason === 'ring-timeout') return 'no-answer';
  if (c.endReason === 'callee-rejected') {
    if (c.sipStatus === 486 || c.sipStatus === 600) return 'busy';
    if (c.sipStatus === 408 || c.sipStatus === 480) return 'no-answer';
  }
  return 'failed';
}
