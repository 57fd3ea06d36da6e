import { describe, expect, it } from 'vitest';
import { isSessionId, newSessionId, sessionIdFloor } from '../../src/masking/ids.js';
import { decodeSession, encodeOptions } from '../../src/store/session-codec.js';
import { createKeys, luaKeyPrelude } from '../../src/store/keys.js';

describe('session ids', () => {
  it('sort by creation time', () => {
    const a = newSessionId(1_700_000_000_000);
    const b = newSessionId(1_700_000_000_001);
    expect(a < b).toBe(true);
    expect(sessionIdFloor(1_700_000_000_001) <= b).toBe(true);
    expect(isSessionId(a)).toBe(true);
    expect(isSessionId('../etc')).toBe(false);
  });
});

describe('session codec', () => {
  it('stores only what is set and round-trips', () => {
    const enc = encodeOptions({ record: true, initiateCallToFirstParty: false, metadata: { a: 1 }, clientReference: 'r' });
    expect(enc).toEqual({ set: ['rec', '1', 'meta', '{"a":1}', 'ref', 'r'], del: ['icf'] });
    const h: Record<string, string> = { st: 'open', pl: 'p', md: 'shared', a: '+1', b: '+2', va: '+3', vb: '+3', ca: '1', ea: '2' };
    for (let i = 0; i < enc.set.length; i += 2) h[enc.set[i] as string] = enc.set[i + 1] as string;
    const s = decodeSession('x', h);
    expect(s).toMatchObject({ record: true, metadata: { a: 1 }, clientReference: 'r', stats: { callCount: 0 } });
    expect(decodeSession('x', {})).toBeUndefined();
  });

  it('null removes an option', () => {
    expect(encodeOptions({ callbackUrl: null, announcements: null, recordingPolicy: null })).toEqual({ set: [], del: ['rpo', 'an', 'cb'] });
  });
});

describe('keys', () => {
  it('builds the same keys in TypeScript and Lua', () => {
    const k = createKeys('masq:');
    expect(k.tombBinding('+1', '+2')).toBe('masq:tb:+1:+2');
    expect(k.expiry()).toBe('masq:exp');
    expect(luaKeyPrelude({ eventRetentionMs: 604_800_000 })).toContain('local function K_tombBinding(number, participant) return PFX .. "tb:" .. tostring(number) .. ":" .. tostring(participant) end');
  });
});
