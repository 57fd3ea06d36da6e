/**
 * Only the trunk's addresses may send calls. Everything else gets a plain 403 —
 * no reason text, nothing to learn from — and a log line per source at most
 * once a minute, so a scanner's flood cannot flood the log.
 */
import { BlockList, isIP } from 'node:net';
import type { InviteMiddleware } from './types.js';
import { reject } from '../reject-call.js';

/**
 * @example sourceAcl(['10.0.0.0/8', '192.0.2.10'])
 */
export function buildAllowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [addr, bits] = entry.split('/') as [string, string | undefined];
    const family = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(addr, family);
    else list.addSubnet(addr, Number(bits), family);
  }
  return list;
}

// A trunk sends from a handful of addresses: their verdicts are remembered
// (BlockList.check builds a SocketAddress each time). Bounded, so a spray of
// forged sources only empties the memo.
const MEMO_MAX = 1024;

const LOG_EVERY_MS = 60_000;

/** Lets through only INVITEs from the trunk's addresses; others get a plain 403. */
export function sourceAcl(entries: readonly string[]): InviteMiddleware {
  const allowed = buildAllowList(entries);
  const verdicts = new Map<string, boolean>();
  const logged = new Map<string, number>();
  const isAllowed = (source: string): boolean => {
    let ok = verdicts.get(source);
    if (ok === undefined) {
      const family = isIP(source);
      // Not an address at all (drachtio always gives one): never allowed.
      ok = family !== 0 && allowed.check(source, family === 6 ? 'ipv6' : 'ipv4');
      if (verdicts.size >= MEMO_MAX) verdicts.clear();
      verdicts.set(source, ok);
    }
    return ok;
  };
  return (req, res, next) => {
    const source = req.source_address;
    if (source && isAllowed(source)) return next();
    const now = Date.now();
    const last = logged.get(source ?? '');
    if (last === undefined || now - last > LOG_EVERY_MS) {
      if (logged.size >= MEMO_MAX) logged.clear();
      logged.set(source ?? '', now);
      req.locals.log.warn({ source, sourcePort: req.source_port }, 'call from a source not allowed: 403');
    }
    reject(res, 403, 'Forbidden');
  };
}
