/**
 * Who is calling, read from the INVITE the way a SIP parser reads it: the URI of
 * From or P-Asserted-Identity, never "the first sip: in the header". A display
 * name is free text a caller chooses (`"sip:+1415…@x" <sip:+1312…@c>`); only the
 * URI between the angle brackets (or the bare URI) names the caller.
 */
import Srf from 'drachtio-srf';

/** The caller's identity as the trunk presents it. */
export interface CallerIdentity {
  /** User part of the identity routed on (`+14155550123`), undefined when there is none. */
  readonly user: string | undefined;
  /** Which header it came from. */
  readonly source: 'p-asserted-identity' | 'from';
  /** From says anonymous, or the trunk asked for privacy (`Privacy: id`). */
  readonly anonymous: boolean;
}

/** The parts of an INVITE identity parsing reads (drachtio's request satisfies it). */
export interface IdentityHeaders {
  has(name: string): boolean;
  get(name: string): string;
}

// Quoted display names may hold anything, angle brackets and URIs included.
const QUOTED = /"(?:[^"\\]|\\.)*"/g;

/**
 * The URI of a name-addr or addr-spec header value (`"Bob" <sip:x@h>;tag=1`,
 * `sip:x@h;tag=1`, `<tel:+1415…>`), or undefined when the value is malformed.
 *
 * @example headerUri('"sip:+14155550123@x" <sip:+13125550100@c>;tag=9') // 'sip:+13125550100@c'
 */
export function headerUri(value: string | undefined): string | undefined {
  if (!value) return undefined;
  // Only the first value of a multi-valued header (PAI may carry a sip: and a tel: URI).
  const unquoted = value.replace(QUOTED, (q) => ' '.repeat(q.length));
  const open = unquoted.indexOf('<');
  if (open >= 0) {
    const close = unquoted.indexOf('>', open);
    if (close < 0) return undefined;
    // Anything before '<' must be a display name: a token list or a quoted string.
    if (/[<>@:"]/.test(unquoted.slice(0, open))) return undefined;
    return value.slice(open + 1, close).trim() || undefined;
  }
  if (unquoted.includes('"')) return undefined;
  const bare = value.trim().split(/[;,\s]/, 1)[0];
  return bare || undefined;
}

/**
 * The user part of a sip:, sips: or tel: URI, without user parameters
 * (`;npdi`, `;rn=…`, `;isub=…`) and percent-decoded. undefined for a URI
 * without a user (`sip:10.0.0.1`) or one that does not parse.
 *
 * @example uriUser('sip:%2B14155550123;npdi@carrier;user=phone') // '+14155550123'
 * @example uriUser('tel:+1-415-555-0123;phone-context=x') // '+1-415-555-0123'
 */
export function uriUser(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  let user: string | undefined;
  if (/^tel:/i.test(uri)) {
    user = uri.slice(4).split(';', 1)[0];
  } else if (/^sips?:/i.test(uri)) {
    const parsed = Srf.parseUri(uri.replace(/^sips?/i, (s) => s.toLowerCase())) as { user?: string } | undefined;
    user = parsed?.user?.split(';', 1)[0];
  }
  if (!user) return undefined;
  try {
    return decodeURIComponent(user);
  } catch {
    return undefined;
  }
}

function isAnonymous(from: string | undefined, req: IdentityHeaders): boolean {
  const user = uriUser(from)?.toLowerCase();
  if (user === 'anonymous' || user === 'restricted' || user === 'unavailable') return true;
  if (from && /@anonymous\.invalid(?:[;>:]|$)/i.test(from)) return true;
  return req.has('Privacy') && /(^|[;,\s])(id|user|header)($|[;,\s])/i.test(req.get('Privacy'));
}

/**
 * The caller as the trunk asserts it. From a trunk that passed the ACL (our
 * trust domain), P-Asserted-Identity is the network's word and is routed on when
 * present — the carrier pattern `From: anonymous` + PAI + `Privacy: id` works —
 * unless the operator turned that trust off. PAI never crosses to the other leg.
 *
 * @example callerIdentity(req, true) // { user: '+14155550123', source: 'p-asserted-identity', anonymous: true }
 */
export function callerIdentity(req: IdentityHeaders, trustPai: boolean): CallerIdentity {
  const fromUri = headerUri(req.get('From'));
  const anonymous = isAnonymous(fromUri, req);
  if (trustPai && req.has('P-Asserted-Identity')) {
    const pai = uriUser(headerUri(req.get('P-Asserted-Identity')));
    if (pai) return { user: pai, source: 'p-asserted-identity', anonymous };
  }
  // An anonymous From has no number in it: parsing it yields nothing routable.
  return { user: uriUser(fromUri), source: 'from', anonymous };
}
