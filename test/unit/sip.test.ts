import { describe, expect, it, vi } from 'vitest';
import { Writable } from 'node:stream';
import type Srf from 'drachtio-srf';
import { outboundIdentity, sanitizeReason } from '../../src/sip/headers.js';
import { buildAllowList, sourceAcl } from '../../src/sip/middleware/acl.js';
import { parseNumbers } from '../../src/sip/middleware/parse-numbers.js';
import { refuseWhileDraining } from '../../src/sip/middleware/draining.js';
import { reasonFor } from '../../src/sip/reasons.js';
import type { CallRequest } from '../../src/sip/middleware/types.js';
import { createLogger } from '../../src/logger.js';
import type { TrunkConfig } from '../../src/config.js';

const REAL = '+14155550123';
const log = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

function fakeInvite(o: { uri?: string; headers?: Record<string, string>; source?: string }) {
  const headers = Object.fromEntries(Object.entries(o.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const req = {
    uri: o.uri ?? 'sip:+12025550100@10.0.0.1',
    source_address: o.source ?? '10.0.0.5',
    source_port: '5060',
    get: (h: string) => headers[h.toLowerCase()],
    has: (h: string) => h.toLowerCase() in headers,
    locals: { callId: 'c', startedAt: 0, log },
  } as unknown as CallRequest;
  const sent: { status?: number; headers?: Record<string, string> } = {};
  const res = {
    finalResponseSent: false,
    send(status: number, _reason: string, opts: { headers?: Record<string, string> }) {
      sent.status = status;
      sent.headers = opts?.headers;
    },
  } as unknown as Srf.SrfResponse;
  const next = vi.fn();
  return { req, res, sent, next };
}

const trunk: TrunkConfig = { allow: ['10.0.0.0/24'], outboundUri: 'sip:{number}@carrier', numbers: { format: 'e164', region: 'US' }, sendPai: false, trustPai: false, auth: undefined, outboundAuth: undefined };

describe('header hygiene', () => {
  it('builds the new leg’s identity only from virtual numbers', () => {
    expect(outboundIdentity({ callerIdUser: '+12025550100', targetUser: '+12125550199', host: 'carrier', sendPai: true })).toEqual({
      From: '<sip:+12025550100@carrier>',
      To: '<sip:+12125550199@carrier>',
      Allow: 'INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, PRACK',
      'P-Asserted-Identity': '<sip:+12025550100@carrier>',
    });
    expect(outboundIdentity({ callerIdUser: 'x', targetUser: 'y', host: 'h', sendPai: false })).not.toHaveProperty('P-Asserted-Identity');
  });

  it('keeps only the protocol and cause of a Reason header', () => {
    expect(sanitizeReason(`SIP;cause=200;text="Call completed elsewhere by ${REAL}"`)).toBe('SIP;cause=200');
    expect(sanitizeReason(`Q.850 ; text="${REAL}" ; cause=16`)).toBe('Q.850;cause=16');
    expect(sanitizeReason(`SIP;text="${REAL}"`)).toBeUndefined();
    expect(sanitizeReason(`X-Custom;cause=1`)).toBeUndefined();
    expect(sanitizeReason(undefined)).toBeUndefined();
  });
});

describe('INVITE middleware', () => {
  it('ACL: passes listed sources, answers 403 to others', () => {
    expect(buildAllowList(['10.0.0.0/24', '192.0.2.7']).check('192.0.2.7', 'ipv4')).toBe(true);
    const ok = fakeInvite({ source: '10.0.0.9' });
    sourceAcl(trunk.allow)(ok.req, ok.res, ok.next);
    expect(ok.next).toHaveBeenCalledOnce();
    const bad = fakeInvite({ source: '10.0.1.9' });
    sourceAcl(trunk.allow)(bad.req, bad.res, bad.next);
    expect(bad.next).not.toHaveBeenCalled();
    expect(bad.sent.status).toBe(403);
  });

  it('parses caller from From, or from PAI only when trusted', () => {
    const headers = { From: '<sip:+14155550123@10.0.0.5>;tag=1', 'P-Asserted-Identity': '<sip:+13055550100@10.0.0.5>' };
    const plain = fakeInvite({ headers });
    parseNumbers(trunk, trunk.numbers)(plain.req, plain.res, plain.next);
    expect(plain.req.locals).toMatchObject({ caller: REAL, called: '+12025550100' });
    const trusted = fakeInvite({ headers });
    parseNumbers({ ...trunk, trustPai: true }, trunk.numbers)(trusted.req, trusted.res, trusted.next);
    expect(trusted.req.locals.caller).toBe('+13055550100');
  });

  it('answers 404 for a called number that is not a number, 403 for an anonymous caller', () => {
    const notNumber = fakeInvite({ uri: 'sip:voicemail@10.0.0.1', headers: { From: `<sip:${REAL}@h>` } });
    parseNumbers(trunk, trunk.numbers)(notNumber.req, notNumber.res, notNumber.next);
    expect(notNumber.sent.status).toBe(404);
    const anon = fakeInvite({ headers: { From: '"Anonymous" <sip:anonymous@anonymous.invalid>' } });
    parseNumbers(trunk, trunk.numbers)(anon.req, anon.res, anon.next);
    expect(anon.sent.status).toBe(403);
    expect(anon.next).not.toHaveBeenCalled();
  });

  it('refuses calls with 503 and Retry-After while draining', () => {
    const d = fakeInvite({});
    refuseWhileDraining(() => true)(d.req, d.res, d.next);
    expect(d.sent).toEqual({ status: 503, headers: { 'Retry-After': '5' } });
    const live = fakeInvite({});
    refuseWhileDraining(() => false)(live.req, live.res, live.next);
    expect(live.next).toHaveBeenCalledOnce();
  });

  it('uses standard reason phrases', () => {
    expect(reasonFor(486)).toBe('Busy Here');
    expect(reasonFor(499)).toBe('Request Failed');
    expect(reasonFor(180)).toBe('Ringing');
    expect(reasonFor(183)).toBe('Session Progress');
    expect(reasonFor(199)).toBe('Session Progress');
  });
});
