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

export function sourceAcl(entries: readonly string[]): InviteMiddleware {
  const allowed = buildAllowList(entries);
  return (req, res, next) => {
    const source = req.source_address;
    const family = isIPv6(source) ? 'ipv6' : 'ipv4';
    if (source && allowed.check(source, family)) return next();
    req.locals.log.warn({ source, sourcePort: req.source_port }, 'call from a source not allowed: 403');
    reject(res, 403, 'Forbidden');
  };
}
