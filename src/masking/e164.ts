/**
 * Phone number parsing and normalisation to E.164, with the geo facts allocation
 * uses (country, and for NANP numbers the area code). Validation is
 * libphonenumber-js's full metadata; no hand-written parsing.
 */
import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max';
import { ValidationFailed } from '../errors.js';

export interface PhoneNumber {
  /** E.164, e.g. `+14155550123`. */
  readonly e164: string;
  /** ISO 3166-1 alpha-2 country, e.g. `US`; '' when the number is non-geographic. */
  readonly country: string;
  /** Area within the country when known (NANP area code), else ''. */
  readonly region: string;
}

const MAX_INPUT = 32;

/**
 * Parsing costs far more than the rest of a resolve request, and the same
 * numbers (virtual numbers above all) recur constantly, so results are memoised.
 * Bounded: when full, the oldest entries go first.
 */
const CACHE_MAX = 50_000;
const cache = new Map<string, PhoneNumber | null>();

function remember(key: string, value: PhoneNumber | null): void {
  if (cache.size >= CACHE_MAX) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(key, value);
}

/**
 * Parses a number written in E.164, international or national form (the latter
 * read in `defaultRegion`). Returns undefined when libphonenumber rejects it.
 *
 * @example parseNumber('(415) 555-0123', 'US')?.e164 // '+14155550123'
 */
export function parseNumber(input: string, defaultRegion: CountryCode): PhoneNumber | undefined {
  if (input.length === 0 || input.length > MAX_INPUT) return undefined;
  const key = input[0] === '+' ? input : `${defaultRegion}|${input}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const parsed = parseUncached(input, defaultRegion);
  remember(key, parsed ?? null);
  return parsed;
}

function parseUncached(input: string, defaultRegion: CountryCode): PhoneNumber | undefined {
  try {
    const p = parsePhoneNumberWithError(input, defaultRegion);
    // An extension cannot be dialled through a trunk: not a routable number.
    if (p.ext || !p.isValid()) return undefined;
    const region = p.countryCallingCode === '1' ? p.nationalNumber.slice(0, 3) : '';
    return Object.freeze({ e164: p.number, country: p.country ?? '', region });
  } catch {
    return undefined;
  }
}

/**
 * Like parseNumber, but a rejected number throws a 400 naming the field.
 *
 * @example normalizeNumber(body.firstParty, 'firstParty', 'US')
 */
export function normalizeNumber(input: string, field: string, defaultRegion: CountryCode): PhoneNumber {
  const parsed = parseNumber(input, defaultRegion);
  if (!parsed) {
    throw new ValidationFailed([{ field, message: 'not a valid phone number (E.164 expected, e.g. +14155550123)' }]);
  }
  return parsed;
}
