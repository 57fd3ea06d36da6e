/** The trunk ACL: IPv4 and IPv6 entries, and its memo of each source's verdict. */
import { Writable } from 'node:stream';
import { BlockList } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import type Srf from 'drachtio-srf';
import { createLogger } from '../../src/logger.js';
import { sourceAcl } from '../../src/sip/middleware/acl.js';
import type { CallRequest } from '../../src/sip/middleware/types.js';

const log = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });

/** Runs the ACL for one INVITE from `source`; returns whether it passed, and the status otherwise. */
function verdict(acl: ReturnType<typeof sourceAcl>, source: string): { passed: boolean; status?: number } {
  const req = { source_address: source, source_port: '5060', locals: { callId: 'c', startedAt: 0, log, cancelled: false } } as unknown as CallRequest;
  let status: number | undefined;
  const res = { finalResponseSent: false, send: (s: number) => (status = s) } as unknown as Srf.SrfResponse;
  let passed = false;
  acl(req, res, () => (passed = true));
  return { passed, ...(status ? { status } : {}) };
}

describe('source ACL', () => {
  const acl = sourceAcl(['10.0.0.0/24', '192.0.2.7', '2001:db8:100::/48', '::1']);

  it('lets listed IPv4 and IPv6 sources through and answers the rest a plain 403', () => {
    for (const ok of ['10.0.0.1', '10.0.0.254', '192.0.2.7', '2001:db8:100::5', '2001:db8:100:ffff::1', '::1']) expect(verdict(acl, ok), ok).toEqual({ passed: true });
    for (const bad of ['10.0.1.1', '192.0.2.8', '2001:db8:101::5', '::2', 'fe80::1', '', 'not-an-ip']) expect(verdict(acl, bad), bad).toEqual({ passed: false, status: 403 });
  });

  it('decides each source once, and stays right when a spray of sources overflows its memo', () => {
    const check = vi.spyOn(BlockList.prototype, 'check');
    const fresh = sourceAcl(['10.0.0.0/24', '2001:db8::/32']);
    for (let i = 0; i < 5; i++) verdict(fresh, '10.0.0.9');
    for (let i = 0; i < 5; i++) verdict(fresh, '2001:db8::9');
    expect(check).toHaveBeenCalledTimes(2);
    for (let i = 0; i < 3000; i++) verdict(fresh, `172.16.${i >> 8}.${i & 255}`);
    expect(verdict(fresh, '10.0.0.9')).toEqual({ passed: true });
    expect(verdict(fresh, '172.16.0.1')).toEqual({ passed: false, status: 403 });
    expect(verdict(fresh, '2001:db8::9')).toEqual({ passed: true });
    check.mockRestore();
  });
});
