/**
 * Numbers as a trunk writes them in SIP URIs, to and from E.164.
 *
 * A trunk's numbering is configured, never guessed: the same ten digits are a US
 * number to one carrier and a New Zealand one to another (`6474212313` is
 * +1 647… nationally and +64 74… as E.164 without `+`).
 *
 * | format         | the trunk writes                                   | we send           |
 * |----------------|----------------------------------------------------|-------------------|
 * | `e164`         | `+14155550123` (digits alone: national, as below)  | `+14155550123`    |
 * | `e164-no-plus` | `14155550123` — country code always first          | `14155550123`     |
 * | `national`     | `4155550123` in MASQ_DEFAULT_REGION, other countries behind the region's international prefix (`011…` in NANP, `00…` in most others) | same (E.164 abroad where the region has no single prefix) |
 *
 * A leading `+` is read as E.164 in every format.
 */
import { getCountryCallingCode, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import type { NumberPlan } from '../config.js';
import { parseNumber } from '../masking/e164.js';

export type { NumberPlan };

// Visual separators a trunk or a phone may leave in a user part (RFC 3966 allows them in tel:).
const SEPARATORS = /[\s().-]/g;

/**
 * Reads a trunk's number into E.164, or undefined when it is not a valid number
 * in the trunk's plan (an anonymous caller, a short code, an IP address).
 *
 * @example trunkToE164('14155550123', { format: 'e164-no-plus', region: 'US' }) // '+14155550123'
 * @example trunkToE164('6474212313', { format: 'national', region: 'US' }) // '+16474212313'
 */
export function trunkToE164(user: string | undefined, plan: NumberPlan): string | undefined {
  if (!user) return undefined;
  const clean = user.replace(SEPARATORS, '');
  if (!/^\+?\d{3,20}$/.test(clean)) return undefined;
  if (clean.startsWith('+')) return parseNumber(clean, plan.region)?.e164;
  if (plan.format === 'e164-no-plus') return parseNumber(`+${clean}`, plan.region)?.e164;
  // National, or international behind the region's prefix (libphonenumber strips 011 / 00).
  return parseNumber(clean, plan.region)?.e164;
}

const outbound = new Map<string, string>();

/**
 * Writes an E.164 number the way the trunk wants it.
 *
 * @example e164ToTrunk('+442071838750', { format: 'national', region: 'US' }) // '011442071838750'
 */
export function e164ToTrunk(e164: string, plan: NumberPlan): string {
  if (plan.format === 'e164') return e164;
  if (plan.format === 'e164-no-plus') return e164.slice(1);
  const key = `${plan.region}|${e164}`;
  let out = outbound.get(key);
  if (out === undefined) {
    const n = parsePhoneNumberWithError(e164);
    const home = n.countryCallingCode === getCountryCallingCode(plan.region);
    // A region without one international prefix (Brazil picks a carrier) gets E.164 for abroad.
    const idd = home ? n.format('NATIONAL') : n.format('IDD', { fromCountry: plan.region });
    out = idd === undefined ? e164 : idd.replace(/\D/g, '');
    if (outbound.size >= 10_000) outbound.clear();
    outbound.set(key, out);
  }
  return out;
}
