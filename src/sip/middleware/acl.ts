/** Only the trunk's addresses may send calls; everything else gets 403 (and a log line without numbers). */
import { BlockList, isIPv6 } from 'node:net';
import type { InviteMiddleware } from './types.js';
import { reject } from './types.js';

/**
 * @example sourceAcl(['10.0.0.0/8', '192.0.2.10'])
 */
export function buildAllowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [addr, bits] = entry.split('/') as [string, string | undefined];
    const family = isIPv6(addr) ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(addr, family);
    else list.addSubnet(addr, Number(bits), family);
  }
  return list;
}

// A trunk sends from a handful of addresses: their verdicts are remembered
// (BlockList.check builds a SocketAddress each time). Bounded, so a spray of
// forged sources only empties the memo.
const MEMO_MAX = 1024;

export function sourceAcl(entries: readonly string[]): InviteMiddleware {
  const allowed = buildAllowList(entries);
  const verdicts = new Map<string, boolean>();
  const isAllowed = (source: string): boolean => {
    let ok = verdicts.get(source);
    if (ok === undefined) {
      ok = allowed.check(source, isIPv6(source) ? 'ipv6' : 'ipv4');
      if (verdicts.size >= MEMO_MAX) verdicts.clear();
      verdicts.set(source, ok);
    }
    return ok;
  };
  return (req, res, next) => {
    const source = req.source_address;
    if (source && isAllowed(source)) return next();
    req.locals.log.warn({ source, sourcePort: req.source_port }, 'call from a source not allowed: 403');
    reject(res, 403, 'Forbidden');
  };
}
