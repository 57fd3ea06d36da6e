/**
 * Numbers as a trunk writes them in SIP URIs, to and from E.164.
 */
import type { CountryCode } from 'libphonenumber-js';
import { parseNumber } from '../masking/e164.js';

/** The user part of a SIP/tel URI or name-addr (`"Bob" <sip:+1415…@host>;tag=x`). */
export function userPart(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = /<?(?:sips?|tel):([^@;>]+)/i.exec(value);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1] as string);
  } catch {
    return m[1];
  }
}

/**
 * Reads a trunk's number: E.164 with `+`, E.164 digits without it (when the trunk
 * is configured so), or a national number in the default region. Visual
 * separators (`-`, `.`, spaces, parentheses) are ignored.
 *
 * @example trunkToE164('14155550123', 'e164-no-plus', 'US') // '+14155550123'
 */
export function trunkToE164(user: string | undefined, format: 'e164' | 'e164-no-plus', region: CountryCode): string | undefined {
  if (!user) return undefined;
  const clean = user.replace(/[\s().-]/g, '');
  if (!/^\+?\d{3,20}$/.test(clean)) return undefined;
  if (format === 'e164-no-plus' && !clean.startsWith('+')) {
    const asE164 = parseNumber(`+${clean}`, region);
    if (asE164) return asE164.e164;
  }
  return parseNumber(clean, region)?.e164;
}

/** Writes an E.164 number the way the trunk wants it. */
export function e164ToTrunk(e164: string, format: 'e164' | 'e164-no-plus'): string {
  return format === 'e164' ? e164 : e164.replace(/^\+/, '');
}
