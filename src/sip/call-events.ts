/**
 * In-process call lifecycle events, for code in the same process that wants to
 * react to calls as they happen (tests, metrics). The durable record of them is
 * the outbox, written in the same Redis step as each call-record write, not this
 * emitter. Nothing may depend on delivery order across calls.
 */
import { EventEmitter } from 'node:events';
import type { CallDirection, CallEventType, HungUpBy } from '../masking/calls.js';

export type { CallEventType };


export interface CallEvent {
  type: CallEventType;
  callId: string;
  sessionId: string | null;
  occurredAt: number;
  /** When the call's INVITE arrived (ms since the epoch). */
  startedAt?: number;
  direction: CallDirection | null;
  sipStatus?: number;
  durationSeconds?: number;
  hungUpBy?: HungUpBy;
  endReason?: string;
}

/** Calls' lifecycle events for listeners in this process (tests, metrics); the outbox is the durable record. */
export class CallEvents {
  private readonly emitter = new EventEmitter();

  emit(e: CallEvent): void {
    this.emitter.emit('call', e);
  }

  /** Subscribes; returns the function that unsubscribes. */
  on(listener: (e: CallEvent) => void): () => void {
    this.emitter.on('call', listener);
    return () => this.emitter.off('call', listener);
  }
}
