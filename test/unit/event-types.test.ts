import { describe, expect, it } from 'vitest';
import { canonicalEventTypes, decodeEventFilter, encodeEventFilter, EVENT_CODES, EVENT_TYPES, luaEventCodes } from '../../src/masking/event-types.js';
import { decodeSession, encodeOptions } from '../../src/store/session-codec.js';
import { publicEvent } from '../../src/masking/event-codec.js';

describe('event types', () => {
  it('have distinct two-letter codes', () => {
    const codes = Object.values(EVENT_CODES);
    expect(new Set(codes).size).toBe(EVENT_TYPES.length);
    for (const c of codes) expect(c).toMatch(/^[a-z]{2}$/);
  });

  it('encode a filter compactly, in catalog order, and decode it back', () => {
    expect(encodeEventFilter(['recording.ready', 'session.created', 'recording.ready'])).toBe('sc,rr');
    expect(decodeEventFilter('sc,rr')).toEqual(['session.created', 'recording.ready']);
    expect(encodeEventFilter([])).toBe('');
    expect(decodeEventFilter('')).toEqual([]);
    expect(canonicalEventTypes(['call.failed', 'call.initiated'])).toEqual(['call.initiated', 'call.failed']);
    // The longest filter still fits a compact (listpack) hash value.
    expect(encodeEventFilter(EVENT_TYPES).length).toBeLessThanOrEqual(64);
  });

  it('give Lua the same table', () => {
    expect(luaEventCodes()).toContain('["call.completed"] = "cc"');
    expect(luaEventCodes()).toContain('["recording.failed"] = "rf"');
  });

  it('round-trip through the session hash; null removes the filter', () => {
    const enc = encodeOptions({ callbackEvents: ['call.completed', 'session.closed'] });
    expect(enc.set).toEqual(['evf', 'sx,cc']);
    expect(encodeOptions({ callbackEvents: null }).del).toEqual(['evf']);
    const h = { st: 'open', ca: '1', ea: '2', evf: 'sx,cc' };
    expect(decodeSession('x', h)?.callbackEvents).toEqual(['session.closed', 'call.completed']);
    expect(decodeSession('x', { st: 'open', ca: '1', ea: '2' })).not.toHaveProperty('callbackEvents');
  });
});

describe('public event', () => {
  it('spells out the recording of recording events', () => {
    const e = publicEvent({
      id: '1-0',
      type: 'recording.ready',
      sessionId: 's',
      at: 0,
      body: { s: { a: '+1', b: '+2', va: '+3', vb: '+3' }, c: { id: 'c1', state: 'completed', dur: 5 }, rec: { id: 'r1', st: 'ready', url: 'https://m/r1.wav', dur: 5, rsn: null } },
    });
    expect(e.recording).toEqual({ id: 'r1', status: 'ready', url: 'https://m/r1.wav', durationSeconds: 5, reason: null });
    expect(e.call).toMatchObject({ id: 'c1', durationSeconds: 5 });
    const plain = publicEvent({ id: '1-0', type: 'session.created', sessionId: 's', at: 0, body: { s: { st: 'open' } } });
    expect(plain).not.toHaveProperty('recording');
  });
});
