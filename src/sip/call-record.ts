/**
 * The record side of one call, shared by the direct bridge (CallSession) and the
 * media-path call (MediaCallSession): ordered writes through the journal (each
 * with its outbox event, atomically, surviving a Redis outage), the in-process
 * events, and the last write that closes the record.
 */
import type { CallLeg } from '../masking/calls.js';
import type { Route } from '../masking/types.js';
import type { CallJournal } from '../store/call-journal.js';
import type { CallStore, CallUpdate, HungUpBy } from '../store/calls.js';
import { OPEN_CALL_GRACE_MS } from '../store/keys.js';
import type { CallEvent, CallEvents, CallEventType } from './call-events.js';
import type { CallRequest } from './middleware/types.js';

/** How a call ended. */
export interface EndInfo {
  reason: string;
  hungUpBy: HungUpBy;
  /** Final status the caller got (200 once answered). */
  sipStatus: number;
  /** The hanging-up party's Reason header, passed on sanitised. */
  sipReason?: string;
  /** Request-a-call: the leg a failure came from. */
  failedLeg?: CallLeg | null;
}

export interface CallRecordDeps {
  calls: CallStore;
  journal: CallJournal;
  events: CallEvents;
}

/** Where a call's record starts from. */
export interface CallOrigin {
  id: string;
  route: Route;
  /** When the INVITE arrived, or the API asked for the call (ms). */
  startedAt: number;
  /** The virtual number dialled (request-a-call: the one the first leg sees). */
  virtualNumber: string;
}

/** One call's record writes and events, in order. */
export class CallRecordWriter {
  readonly id: string;
  readonly route: Route;
  /** The record's write sequence: the routing lookup (or the API, for request-a-call) wrote 1 when it recorded the call. */
  private seq: number;

  constructor(
    private readonly origin: CallOrigin,
    private readonly deps: CallRecordDeps,
  ) {
    this.id = origin.id;
    this.route = origin.route;
    this.seq = this.route.recorded ? 1 : 0;
  }

  /** The writer of an inbound call. */
  static forRequest(req: CallRequest, deps: CallRecordDeps): CallRecordWriter {
    return new CallRecordWriter({ id: req.locals.callId, route: req.locals.route as Route, startedAt: req.locals.startedAt, virtualNumber: req.locals.called as string }, deps);
  }

  get sessionId(): string | null {
    return this.route.sessionId;
  }

  /** A call routed by the routing callback was not recorded as it was routed: its first write. */
  startIfNeeded(limits: { ringS: number; limitS: number }): void {
    if (this.route.recorded) return;
    const { startedAt, virtualNumber } = this.origin;
    const order = { seq: ++this.seq, deadline: startedAt + (limits.ringS + limits.limitS) * 1000 + OPEN_CALL_GRACE_MS };
    const start = { id: this.id, sessionId: this.sessionId, direction: this.route.direction, virtualNumber, startedAt };
    void this.deps.journal.append(this.id, () => this.deps.calls.start(start, 'call.initiated', {}, order));
  }

  /** Queues a write of the record (and its outbox event, atomically). */
  write(u: CallUpdate, type: CallEventType | ''): Promise<void> {
    const order = { seq: ++this.seq };
    return this.deps.journal.append(this.id, () => this.deps.calls.update(this.id, this.sessionId, u, type, order));
  }

  /** Tells in-process listeners. */
  event(type: CallEvent['type'], extra: Partial<CallEvent> = {}): void {
    this.deps.events.emit({ type, callId: this.id, sessionId: this.sessionId, occurredAt: Date.now(), startedAt: this.origin.startedAt, direction: this.route.direction, ...extra });
  }

  /** The write that closes the record, and its event; `extra` adds fields to it (request-a-call: the failed leg). */
  finish(info: EndInfo, answeredAt: number | null, endedAt: number, extra: CallUpdate = {}): { durationSeconds: number } {
    const answered = answeredAt !== null;
    const durationSeconds = answered ? Math.floor((endedAt - answeredAt) / 1000) : 0;
    const type = answered ? 'call.completed' : 'call.failed';
    void this.write({ ...extra, state: answered ? 'completed' : 'failed', endedAt, durationSeconds, sipStatus: info.sipStatus, hungUpBy: info.hungUpBy, endReason: info.reason }, type);
    this.event(type, { sipStatus: info.sipStatus, durationSeconds, hungUpBy: info.hungUpBy, endReason: info.reason });
    return { durationSeconds };
  }
}
