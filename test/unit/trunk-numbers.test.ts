/**
 * Trunk number formats, table-driven over real-shaped numbers: libphonenumber's
 * example number for every country it knows, and a few thousand random valid
 * NANP numbers (the ones a lenient reader confuses with other countries).
 */
import { describe, expect, it } from 'vitest';
import { getCountryCallingCode, getExampleNumber, isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { e164ToTrunk, trunkToE164, type NumberPlan } from '../../src/sip/numbers.js';

const COUNTRIES = Object.keys(examples) as CountryCode[];
const e164Examples = COUNTRIES.flatMap((c) => {
  const n = getExampleNumber(c, examples);
  return n && n.isValid() ? [{ country: c, e164: n.number as string }] : [];
});

/** Deterministic pseudo-random valid NANP numbers (US and CA area codes alike). */
function nanpNumbers(count: number): string[] {
  let seed = 20261130;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: string[] = [];
  while (out.length < count) {
    const digits = String(2 + Math.floor(rnd() * 8)) + String(Math.floor(rnd() * 1e9)).padStart(9, '0');
    if (isValidPhoneNumber(`+1${digits}`)) out.push(digits);
  }
  return out;
}
const NANP = nanpNumbers(3000);

const plan = (format: NumberPlan['format'], region: CountryCode = 'US'): NumberPlan => ({ format, region });

describe('trunk number formats', () => {
  it('has a real example for nearly every country', () => {
    expect(e164Examples.length).toBeGreaterThan(230);
  });

  it('e164: reads and writes every country’s numbers as they are, with or without visual separators', () => {
    for (const { e164 } of e164Examples) {
      expect(trunkToE164(e164, plan('e164')), e164).toBe(e164);
      expect(e164ToTrunk(e164, plan('e164'))).toBe(e164);
    }
    expect(trunkToE164('+1 (415) 555-0123', plan('e164'))).toBe('+14155550123');
    expect(trunkToE164('+44.20.7183.8750', plan('e164'))).toBe('+442071838750');
  });

  it('e164-no-plus: the country code always comes first, for every country', () => {
    for (const { e164 } of e164Examples) {
      const digits = e164ToTrunk(e164, plan('e164-no-plus'));
      expect(digits).toBe(e164.slice(1));
      expect(trunkToE164(digits, plan('e164-no-plus')), e164).toBe(e164);
    }
  });

  it('e164-no-plus: an 11-digit NANP number is never read as another country', () => {
    for (const n of NANP) expect(trunkToE164(`1${n}`, plan('e164-no-plus')), n).toBe(`+1${n}`);
  });

  it('national (US): ten digits and 1+ten digits are NANP numbers, every one of them', () => {
    let ambiguous = 0;
    for (const n of NANP) {
      expect(trunkToE164(n, plan('national')), n).toBe(`+1${n}`);
      expect(trunkToE164(`1${n}`, plan('national')), n).toBe(`+1${n}`);
      expect(e164ToTrunk(`+1${n}`, plan('national'))).toBe(n);
      // The numbers a "try E.164 first" reader gets wrong: valid in another country too.
      if (isValidPhoneNumber(`+${n}`)) ambiguous++;
    }
    // Proof the table holds the hard cases (about one in ten, e.g. 647… is also New Zealand).
    expect(ambiguous).toBeGreaterThan(NANP.length / 20);
    expect(trunkToE164('6474212313', plan('national'))).toBe('+16474212313');
  });

  for (const region of ['US', 'GB', 'DE', 'FR', 'IN', 'BR', 'AU', 'JP', 'ZA', 'MX'] as CountryCode[]) {
    it(`national (${region}): home numbers nationally, every other country behind the international prefix, both ways`, () => {
      const home = getCountryCallingCode(region);
      for (const { country, e164 } of e164Examples) {
        const written = e164ToTrunk(e164, plan('national', region));
        expect(written, `${country} ${e164}`).toMatch(region === 'BR' && !e164.startsWith('+55') ? /^\+\d+$/ : /^\d+$/);
        expect(trunkToE164(written, plan('national', region)), `${country} ${e164} written ${written}`).toBe(e164);
        if (!e164.startsWith(`+${home}`)) expect(written.startsWith(`+${home}`)).toBe(false);
        // '+' is E.164 in every format.
        expect(trunkToE164(e164, plan('national', region))).toBe(e164);
      }
    });
  }

  it('international prefixes: 011 from NANP, 00 from most of the world', () => {
    expect(trunkToE164('011442071838750', plan('national', 'US'))).toBe('+442071838750');
    expect(trunkToE164('00442071838750', plan('national', 'DE'))).toBe('+442071838750');
    expect(trunkToE164('0014155550123', plan('national', 'GB'))).toBe('+14155550123');
    expect(e164ToTrunk('+442071838750', plan('national', 'US'))).toBe('011442071838750');
    expect(e164ToTrunk('+14155550123', plan('national', 'GB'))).toBe('0014155550123');
    expect(e164ToTrunk('+442071838750', plan('national', 'GB'))).toBe('02071838750');
  });

  it('refuses what is not a number in any format', () => {
    for (const format of ['e164', 'e164-no-plus', 'national'] as const) {
      for (const bad of [undefined, '', 'anonymous', '10.0.0.1', '+', '12', '+1415555012a', '+1415555012345678901234', '911']) {
        expect(trunkToE164(bad, plan(format)), `${format} ${String(bad)}`).toBeUndefined();
      }
    }
  });
});
