/**
 * The vocabulary of calls, shared by routing, the SIP side, the store and the
 * events: who calls whom, how a call stands, who ended it.
 */
import type { EventType } from './event-types.js';

/** Which party called; out-of-session when the routing callback chose the target. */
export type CallDirection = 'first-to-second' | 'second-to-first' | 'out-of-session';

/** How a call stands in its record. */
export type CallState = 'ringing' | 'answered' | 'completed' | 'failed';

/** Who ended a call: a party, or Masq itself (a timer, a limit, shutdown). */
export type HungUpBy = 'caller' | 'callee' | 'masq';

/** The event types of a call's life. */
export type CallEventType = Extract<EventType, `call.${string}`>;
