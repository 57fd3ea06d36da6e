/**
 * One catalog of typed errors. Each maps, at the edges, to an HTTP problem
 * (`{"error":{"code","message","details?"}}`) and, where a call can hit it, to a
 * SIP final status.
 */

export interface ErrorDetail {
  /** Dotted path of the offending field, e.g. `firstParty` or `numbers.3`. */
  field: string;
  message: string;
}

/** Base class: every error the service raises on purpose is a MasqError. */
export class MasqError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  /** SIP final status a call gets for this condition (500 when it has no SIP meaning). */
  readonly sipStatus: number;
  readonly details: ErrorDetail[] | undefined;

  constructor(code: string, httpStatus: number, sipStatus: number, message: string, details?: ErrorDetail[]) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.httpStatus = httpStatus;
    this.sipStatus = sipStatus;
    this.details = details;
  }

  /** The HTTP body for this error. */
  toJSON(): { error: { code: string; message: string; details?: ErrorDetail[] } } {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export class ValidationFailed extends MasqError {
  constructor(details: ErrorDetail[], message = 'request validation failed') {
    super('validation_failed', 400, 400, message, details);
  }
}

export class InvalidJson extends MasqError {
  constructor() {
    super('invalid_json', 400, 400, 'request body is not valid JSON');
  }
}

export class PayloadTooLarge extends MasqError {
  constructor(limit: string) {
    super('payload_too_large', 413, 413, `request body exceeds ${limit}`);
  }
}

export class Unauthorized extends MasqError {
  constructor() {
    super('unauthorized', 401, 403, 'missing or invalid API key (Authorization: Bearer <key>)');
  }
}

export class RouteNotFound extends MasqError {
  constructor(method: string, path: string) {
    super('not_found', 404, 404, `no route for ${method} ${path}`);
  }
}

export class PoolNotFound extends MasqError {
  constructor(poolId: string) {
    super('pool_not_found', 404, 404, `pool ${poolId} does not exist`);
  }
}

export class PoolExists extends MasqError {
  constructor(poolId: string) {
    super('pool_exists', 409, 500, `pool ${poolId} already exists`);
  }
}

export class PoolInUse extends MasqError {
  constructor(poolId: string, openSessions: number) {
    super('pool_in_use', 409, 500, `pool ${poolId} still has ${openSessions} open session(s)`);
  }
}

export class PoolExhausted extends MasqError {
  constructor(poolId: string) {
    super('pool_exhausted', 409, 503, `pool ${poolId} has no virtual number free for these participants`);
  }
}

export class NumberNotFound extends MasqError {
  constructor(what = 'virtual number') {
    super('number_not_found', 404, 404, `${what} is not in any pool`);
  }
}

export class NumberInUse extends MasqError {
  constructor(bindings: number) {
    super('number_in_use', 409, 500, `number is bound to ${bindings} open session participant(s); use ?drain=true`);
  }
}

export class SessionNotFound extends MasqError {
  constructor(sessionId: string) {
    super('session_not_found', 404, 404, `session ${sessionId} does not exist`);
  }
}

export class SessionExpired extends MasqError {
  constructor(readonly sessionId: string) {
    super('session_expired', 410, 410, `session ${sessionId} has expired`);
  }
}

export class SessionClosed extends MasqError {
  constructor(readonly sessionId: string) {
    super('session_closed', 410, 410, `session ${sessionId} is closed`);
  }
}

export class CallNotFound extends MasqError {
  constructor(callId: string) {
    super('call_not_found', 404, 404, `call ${callId} does not exist`);
  }
}

export class DeadLetterNotFound extends MasqError {
  constructor(eventId: string) {
    super('dead_letter_not_found', 404, 404, `no dead letter ${eventId}`);
  }
}

export class RecordingConflict extends MasqError {
  constructor(callId: string) {
    super('recording_conflict', 409, 500, `call ${callId} already has a settled recording with another id`);
  }
}

export class NotInSession extends MasqError {
  constructor() {
    super('not_in_session', 404, 403, 'caller is not a participant of an open session on this number');
  }
}

export class StoreUnavailable extends MasqError {
  /** Seconds a client should wait before retrying (Retry-After). */
  readonly retryAfterS = 5;
  constructor(reason: string) {
    super('store_unavailable', 503, 503, `state store unavailable: ${reason}`);
  }
}

/** A request the HTTP layer could not even read: a path with a broken percent-encoding, a malformed header. */
export class MalformedRequest extends MasqError {
  constructor(what: string) {
    super('malformed_request', 400, 500, `malformed request: ${what}`);
  }
}

/** A session or a virtual number already carries as many calls as it may (MASQ_MAX_CALLS_PER_*). */
export class CallLimitReached extends MasqError {
  constructor(
    readonly scope: 'session' | 'number',
    readonly sessionId: string | null,
  ) {
    super('call_limit', 429, 486, `too many calls at once on this ${scope}`);
  }
}

/** The media a call needs is not there: no rtpengine answers (anchoring), or no FreeSWITCH (a required recording). */
export class MediaUnavailable extends MasqError {
  readonly retryAfterS = 5;
  constructor(detail = 'no media anchor (rtpengine) answers') {
    super('media_unavailable', 503, 503, detail);
  }
}

/** This instance carries MASQ_MAX_CALLS calls already. */
export class TooManyCalls extends MasqError {
  readonly retryAfterS = 5;
  constructor() {
    super('too_many_calls', 503, 503, 'this instance carries its maximum of calls');
  }
}

/** This instance's CPU is saturated (src/load-guard.ts): new work is refused until it catches up. */
export class Overloaded extends MasqError {
  readonly retryAfterS = 1;
  constructor() {
    super('overloaded', 503, 503, 'this instance is overloaded; retry shortly or use another instance');
  }
}

export class Draining extends MasqError {
  /** Seconds a trunk should wait before retrying (another instance takes the call meanwhile). */
  readonly retryAfterS = 5;
  constructor() {
    super('draining', 503, 503, 'service is shutting down');
  }
}

export class PromptNotFound extends MasqError {
  constructor(promptId: string) {
    super('prompt_not_found', 404, 500, `prompt ${promptId} does not exist`);
  }
}

/** A pool or an open session still names the prompt. */
export class PromptInUse extends MasqError {
  constructor(promptId: string, users: string[]) {
    super('prompt_in_use', 409, 500, `prompt ${promptId} is still used by ${users.join(', ')}`);
  }
}

/** An upload that is not a prompt Masq can play (the reason says why). */
export class InvalidPrompt extends MasqError {
  constructor(reason: string) {
    super('invalid_prompt', 400, 500, `not a usable prompt: ${reason}`, [{ field: '(body)', message: reason }]);
  }
}

export class UnsupportedMediaType extends MasqError {
  constructor(accepted: readonly string[]) {
    super('unsupported_media_type', 415, 415, `send the body as ${accepted.join(' or ')}`);
  }
}

export class RecordingNotFound extends MasqError {
  constructor(callId: string) {
    super('recording_not_found', 404, 404, `no recording for call ${callId}`);
  }
}

/** A Range header that asks for bytes the file does not have. */
export class RangeNotSatisfiable extends MasqError {
  constructor(size: number) {
    super('range_not_satisfiable', 416, 500, `the recording has ${size} bytes`);
  }
}

/** A session already has a request-a-call ringing or connected; one at a time. */
export class CallInProgress extends MasqError {
  constructor(sessionId: string) {
    super('call_in_progress', 409, 486, `session ${sessionId} already has a request-a-call in progress`);
  }
}

/** Masq cannot place calls now: not attached to drachtio-server, or SIP is off. */
export class SipUnavailable extends MasqError {
  readonly retryAfterS = 5;
  constructor(detail: string) {
    super('sip_unavailable', 503, 503, `cannot place calls: ${detail}`);
  }
}
