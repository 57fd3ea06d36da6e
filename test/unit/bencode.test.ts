import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/media/bencode.js';

describe('bencode (rtpengine ng)', () => {
  it('encodes dictionaries with sorted keys, byte lengths and integers', () => {
    expect(encode({ command: 'ping' })).toBe('d7:command4:pinge');
    expect(encode({ sdp: 'é', flags: ['a', 1], z: { y: -2 } })).toBe('d5:flagsl1:ai1ee3:sdp2:é1:zd1:yi-2eee');
  });

  it('decodes what it encodes, and rejects malformed input', () => {
    const v = { 'call-id': 'x', medias: [{ port: 30000, family: 'IPv4' }], sdp: 'v=0\r\n' };
    expect(decode(encode(v))).toEqual(v);
    for (const bad of ['d3:abc', 'i12', '5:ab', 'l', 'd1:ai1ee1:x', 'di1ei2ee']) expect(() => decode(bad), bad).toThrow(/bencode/);
  });
});
