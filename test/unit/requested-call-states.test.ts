import { describe, expect, it } from 'vitest';
import { step, type RequestedCallEvent, type RequestedCallState } from '../../src/masking/requested-call.js';

/** Runs events from `initiated`, returning the last step. */
function run(...events: RequestedCallEvent[]) {
  let state: RequestedCallState = 'initiated';
  let last = step(state, events[0] as RequestedCallEvent);
  for (const ev of events) {
    last = step(state, ev);
    state = last.state;
    if (last.end) break;
  }
  return last;
}

describe('request-a-call state machine', () => {
  it('goes first ringing → connecting → second ringing → bridged as each leg rings and answers', () => {
    let s: RequestedCallState = 'initiated';
    const seen: RequestedCallState[] = [];
    for (const ev of [
      { type: 'ringing', leg: 'first' },
      { type: 'answered', leg: 'first' },
      { type: 'ringing', leg: 'second' },
      { type: 'answered', leg: 'second' },
    ] as RequestedCallEvent[]) {
      const r = step(s, ev);
      expect(r.end).toBeUndefined();
      s = r.state;
      seen.push(s);
    }
    expect(seen).toEqual(['first-ringing', 'connecting', 'second-ringing', 'bridged']);
  });

  it('a first party that is busy ends the call: rejected by that leg, nothing else rung', () => {
    expect(run({ type: 'ringing', leg: 'first' }, { type: 'failed', leg: 'first', status: 486 }).end).toEqual({ reason: 'callee-rejected', hungUpBy: 'caller', sipStatus: 486, failedLeg: 'first' });
  });

  it('a first party that does not answer ends the call as a ring timeout of the first leg', () => {
    expect(run({ type: 'failed', leg: 'first', status: 487, timedOut: true }).end).toEqual({ reason: 'ring-timeout', hungUpBy: 'masq', sipStatus: 480, failedLeg: 'first' });
  });

  it('a second party busy or silent fails the second leg; the first is hung up', () => {
    const busy = run({ type: 'answered', leg: 'first' }, { type: 'ringing', leg: 'second' }, { type: 'failed', leg: 'second', status: 486 });
    expect(busy.end).toEqual({ reason: 'callee-rejected', hungUpBy: 'callee', sipStatus: 486, failedLeg: 'second' });
    const silent = run({ type: 'answered', leg: 'first' }, { type: 'failed', leg: 'second', timedOut: true });
    expect(silent.end).toEqual({ reason: 'ring-timeout', hungUpBy: 'masq', sipStatus: 480, failedLeg: 'second' });
  });

  it('a transport failure (no status) is an outbound error of that leg, on Masq', () => {
    expect(run({ type: 'failed', leg: 'first' }).end).toEqual({ reason: 'outbound-error', hungUpBy: 'masq', sipStatus: 502, failedLeg: 'first' });
  });

  it('the first party hanging up while the second rings stops the call', () => {
    expect(run({ type: 'answered', leg: 'first' }, { type: 'ringing', leg: 'second' }, { type: 'hangup', leg: 'first' }).end).toEqual({
      reason: 'caller-hangup',
      hungUpBy: 'caller',
      sipStatus: 487,
      failedLeg: null,
    });
  });

  it('once bridged, either party hanging up completes the call as theirs', () => {
    const bridged = [{ type: 'answered', leg: 'first' }, { type: 'answered', leg: 'second' }] as RequestedCallEvent[];
    expect(run(...bridged, { type: 'hangup', leg: 'second' }).end).toEqual({ reason: 'callee-hangup', hungUpBy: 'callee', sipStatus: 200, failedLeg: null });
    expect(run(...bridged, { type: 'hangup', leg: 'first' }).end).toEqual({ reason: 'caller-hangup', hungUpBy: 'caller', sipStatus: 200, failedLeg: null });
    expect(run(...bridged, { type: 'time-limit' }).end).toEqual({ reason: 'time-limit', hungUpBy: 'masq', sipStatus: 200, failedLeg: null });
    expect(run(...bridged, { type: 'session-expired', leg: 'second' }).end).toMatchObject({ reason: 'session-expired', hungUpBy: 'callee' });
  });

  it('events that do not apply change nothing: a late ringing, the other leg failing, a time limit before the bridge', () => {
    expect(step('connecting', { type: 'ringing', leg: 'first' })).toEqual({ state: 'connecting' });
    expect(step('first-ringing', { type: 'failed', leg: 'second', status: 486 })).toEqual({ state: 'first-ringing' });
    expect(step('second-ringing', { type: 'time-limit' })).toEqual({ state: 'second-ringing' });
    expect(step('ended', { type: 'hangup', leg: 'first' })).toEqual({ state: 'ended' });
  });

  it('shutdown and errors end the call at any stage; an error before the bridge is laid on the leg in progress', () => {
    expect(step('second-ringing', { type: 'shutdown' }).end).toEqual({ reason: 'shutdown', hungUpBy: 'masq', sipStatus: 503, failedLeg: null });
    expect(step('bridged', { type: 'shutdown' }).end).toMatchObject({ sipStatus: 200 });
    expect(step('connecting', { type: 'error', reason: 'outbound-error' }).end).toEqual({ reason: 'outbound-error', hungUpBy: 'masq', sipStatus: 503, failedLeg: 'second' });
  });
});
