/** How a call record's state, end reason and SIP status fold into its outcome. */
import { describe, expect, it } from 'vitest';
import { callOutcome } from '../../src/masking/calls.js';

const rec = (state: Parameters<typeof callOutcome>[0]['state'], endReason: string | null = null, sipStatus: number | null = null, direction: 'first-to-second' | 'request-a-call' | null = 'first-to-second') =>
  callOutcome({ state, endReason, sipStatus, direction });

describe('callOutcome', () => {
  it('calls not ended are in progress; answered and ended ones completed, whoever hung up', () => {
    expect([rec('initiated', null, null, 'request-a-call'), rec('ringing'), rec('answered')]).toEqual(['in-progress', 'in-progress', 'in-progress']);
    expect([rec('completed', 'caller-hangup', 200), rec('completed', 'time-limit', 200), rec('completed', 'ended-by-sweep')]).toEqual(['completed', 'completed', 'completed']);
  });

  it('unanswered calls: canceled, rejected by Masq, busy, no answer, or failed', () => {
    expect(rec('failed', 'caller-cancel', 487)).toBe('canceled');
    expect(rec('failed', 'caller-cancel', 487, null)).toBe('canceled');
    expect(rec('failed', 'not_in_session', 403, null)).toBe('rejected');
    expect(rec('failed', 'call_limit', 486, null)).toBe('rejected');
    expect(rec('failed', 'callee-rejected', 486)).toBe('busy');
    expect(rec('failed', 'callee-rejected', 600, 'request-a-call')).toBe('busy');
    expect(rec('failed', 'ring-timeout', 480)).toBe('no-answer');
    expect(rec('failed', 'callee-rejected', 480)).toBe('no-answer');
    expect(rec('failed', 'callee-rejected', 408)).toBe('no-answer');
    expect(rec('failed', 'callee-rejected', 603)).toBe('failed');
    expect(rec('failed', 'outbound-error', 502)).toBe('failed');
    expect(rec('failed', 'media_unavailable', 503)).toBe('failed');
    expect(rec('failed', 'ended-by-sweep')).toBe('failed');
  });
});
