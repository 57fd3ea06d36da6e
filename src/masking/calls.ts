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
