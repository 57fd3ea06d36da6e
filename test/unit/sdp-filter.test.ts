/**
 * SDP allow-list: what a real softphone (baresip), a WebRTC gateway and a carrier
 * SBC put in their SDP, with the caller's number planted everywhere it fits.
 */
import { describe, expect, it } from 'vitest';
import { SdpFilter } from '../../src/sip/sdp-filter.js';

const N = '+14155550123';
const D = '4155550123';

const BARESIP = [
  'v=0',
  `o=${N} 2890844526 2890844527 IN IP4 192.0.2.10`,
  `s=call from ${N}`,
  `i=${N} calling`,
  `u=sip:${N}@example.com`,
  `e=${N}@example.com`,
  `p=${N}`,
  'c=IN IP4 192.0.2.10',
  'b=AS:64',
  't=0 0',
  `k=clear:${N}`,
  `a=tool:baresip 1.0.0 ${N}`,
  `a=X-caller:${N}`,
  'm=audio 4000 RTP/AVP 0 8 101',
  `i=audio of ${N}`,
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-15',
  'a=ptime:20',
  'a=sendrecv',
  'a=rtcp:4001 IN IP4 192.0.2.10',
  'a=rtcp-mux',
  `a=ssrc:1938495 cname:sip:${N}@192.0.2.10`,
  `a=ssrc:1938495 msid:${N}-stream ${N}-track`,
  `a=ssrc:1938495 mslabel:${N}`,
  `a=ssrc:1938495 label:${N}-audio`,
  `a=ssrc:1938495 x-owner:${N}`,
  `a=msid:${N}-stream ${N}-track`,
  `a=msid-semantic: WMS ${N}-stream`,
  `a=label:${N}`,
  'a=mid:0',
  'a=group:BUNDLE 0',
  'a=ice-ufrag:F7gI',
  'a=ice-pwd:x9cml/YzichV2+XlhiMu8g',
  'a=candidate:1 1 UDP 2130706431 192.0.2.10 4000 typ host',
  'a=fingerprint:sha-256 49:66:12:17:0D:1C:91:AE:57:4C:C6:36:DD:D5:97:D2:7D:62:C9:9A:7F:B9:A3:F4:70:03:E7:43:91:73:23:5E',
  'a=setup:actpass',
  `a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level`,
  '',
].join('\r\n');

describe('SDP allow-list', () => {
  const out = new SdpFilter().filter(BARESIP);

  it('lets no trace of the number through, in any line', () => {
    expect(out).not.toContain(D);
    expect(out).not.toMatch(/^[iuepk]=/m);
    expect(out).not.toMatch(/^a=(tool|X-caller)/im);
    expect(out).not.toContain('x-owner');
  });

  it('keeps everything media negotiation needs, in order and byte for byte', () => {
    for (const line of BARESIP.split('\r\n').filter((l) => /^(v|c|b|t|m)=|^a=(rtpmap|fmtp|ptime|sendrecv|rtcp|rtcp-mux|mid|group|ice-|candidate|fingerprint|setup|extmap)/.test(l))) {
      expect(out.split('\r\n')).toContain(line);
    }
    expect(out.startsWith('v=0\r\n')).toBe(true);
    expect(out.endsWith('\r\n')).toBe(true);
  });

  it('rewrites the identity-bearing lines and attributes with stand-ins instead of dropping them', () => {
    expect(out).toMatch(/^o=- \d+ 2890844527 IN IP4 192\.0\.2\.10$/m);
    expect(out).toMatch(/^s=-$/m);
    const cname = /^a=ssrc:1938495 cname:(\S+)$/m.exec(out)?.[1];
    expect(cname).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(out).toMatch(/^a=ssrc:1938495 msid:\S+ \S+$/m);
    expect(out).toMatch(/^a=ssrc:1938495 mslabel:\S+$/m);
    expect(out).toMatch(/^a=ssrc:1938495 label:\S+$/m);
    expect(out).toMatch(/^a=msid:\S+ \S+$/m);
    expect(out).toMatch(/^a=msid-semantic: WMS \S+$/m);
    expect(out).toMatch(/^a=label:\S+$/m);
    // The stream id is the same stand-in wherever it appears.
    const stream = /^a=msid:(\S+)/m.exec(out)?.[1];
    expect(out).toContain(`msid-semantic: WMS ${String(stream)}`);
  });

  it('is stable within a call and different across calls', () => {
    const f = new SdpFilter();
    const first = f.filter(BARESIP);
    const reoffer = f.filter(BARESIP.replace(' 2890844527 ', ' 2890844528 ').replace('a=sendrecv', 'a=sendonly'));
    const idOf = (s: string) => /^o=- (\d+)/m.exec(s)?.[1];
    const cnameOf = (s: string) => /cname:(\S+)/.exec(s)?.[1];
    expect(idOf(reoffer)).toBe(idOf(first));
    expect(cnameOf(reoffer)).toBe(cnameOf(first));
    expect(reoffer).toMatch(/ 2890844528 IN IP4/);
    const other = new SdpFilter().filter(BARESIP);
    expect(idOf(other)).not.toBe(idOf(first));
    expect(cnameOf(other)).not.toBe(cnameOf(first));
  });

  it('replaces host names that carry a number, keeps IP literals and plain host names', () => {
    const f = new SdpFilter();
    const sdp = [`v=0`, `o=- 1 1 IN IP4 ${D}.phones.example`, 's=-', `c=IN IP4 ${D}.phones.example`, 't=0 0', 'm=audio 4000 RTP/AVP 0', `a=rtcp:4001 IN IP4 ${D}.example`, 'c=IN IP6 2001:db8::1', 'c=IN IP4 media.example.net', ''].join('\n');
    const r = f.filter(sdp);
    expect(r).not.toContain(D);
    expect(r).toContain('c=IN IP4 0.0.0.0\n');
    expect(r).toContain('a=rtcp:4001 IN IP4 0.0.0.0');
    expect(r).toContain('c=IN IP6 2001:db8::1');
    expect(r).toContain('c=IN IP4 media.example.net');
    expect(r.includes('\r\n')).toBe(false);
  });

  it('drops a mid that is not a short token, and malformed lines', () => {
    const r = new SdpFilter().filter(['v=0', `a=mid:${N}`, 'garbage', 'a=ssrc:abc cname:x', 'm=audio 1 RTP/AVP 0', ''].join('\r\n'));
    expect(r).toBe(['v=0', 'm=audio 1 RTP/AVP 0', ''].join('\r\n'));
  });

  it('passes empty bodies through', () => {
    expect(new SdpFilter().filter(undefined)).toBeUndefined();
    expect(new SdpFilter().filter('')).toBe('');
  });
});
