/**
 * The caller is the URI of From / P-Asserted-Identity, in every form a trunk
 * sends, and never something written in a display name.
 */
import { describe, expect, it } from 'vitest';
import { callerIdentity, headerUri, uriUser } from '../../src/sip/identity.js';

const REAL = '+13125550100';
const SPOOF = '+14155550123';

function headers(h: Record<string, string>) {
  const lower = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
  return { has: (n: string) => n.toLowerCase() in lower, get: (n: string) => lower[n.toLowerCase()] as string };
}

describe('caller identity', () => {
  const FROM_FORMS: [string, string | undefined][] = [
    [`<sip:${REAL}@carrier.example>;tag=1`, REAL],
    [`sip:${REAL}@carrier.example;tag=1`, REAL],
    [`<sips:${REAL}@carrier.example:5061>;tag=1`, REAL],
    [`<tel:${REAL}>;tag=1`, REAL],
    [`<tel:+1-312-555-0100;phone-context=+1>;tag=1`, '+1-312-555-0100'],
    [`<sip:${REAL};npdi;rn=+13125559999@carrier.example;user=phone>;tag=1`, REAL],
    [`<sip:%2B13125550100@carrier.example;user=phone>;tag=1`, REAL],
    [`"Alice" <sip:${REAL}@carrier.example>;tag=1`, REAL],
    [`Alice Smith <sip:${REAL}@carrier.example>;tag=1`, REAL],
    // Display names that carry another number or a whole URI: never the caller.
    [`"sip:${SPOOF}@x" <sip:${REAL}@carrier.example>;tag=1`, REAL],
    [`"<sip:${SPOOF}@x>" <sip:${REAL}@carrier.example>;tag=1`, REAL],
    [`"a \\"<sip:${SPOOF}@x>\\" b" <sip:${REAL}@carrier.example>;tag=1`, REAL],
    [`"${SPOOF}" <sip:${REAL}@carrier.example>;tag=1`, REAL],
    [`"tel:${SPOOF}" <tel:${REAL}>;tag=1`, REAL],
    // Malformed: a URI-looking token as an unquoted display name is refused, not guessed.
    [`sip:${SPOOF}@x <sip:${REAL}@carrier.example>;tag=1`, undefined],
    [`"unterminated <sip:${REAL}@c>`, undefined],
    [`<sip:${REAL}@carrier.example`, undefined],
    ['<sip:carrier.example>;tag=1', undefined],
    ['"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1', 'anonymous'],
  ];

  for (const [from, user] of FROM_FORMS) {
    it(`From: ${from}`, () => {
      expect(callerIdentity(headers({ From: from }), true).user).toBe(user);
    });
  }

  it('parses header values and URIs on their own', () => {
    expect(headerUri(`"x" <sip:${REAL}@h>, <tel:${SPOOF}>`)).toBe(`sip:${REAL}@h`);
    expect(uriUser(`SIP:${REAL}@h`)).toBe(REAL);
    expect(uriUser('sip:%ZZ@h')).toBeUndefined();
    expect(uriUser('mailto:x@h')).toBeUndefined();
  });

  it('routes on P-Asserted-Identity from the trusted trunk: anonymous From + PAI + Privacy: id', () => {
    const req = headers({
      From: '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=1',
      'P-Asserted-Identity': `"${SPOOF}" <sip:${REAL}@carrier.example;user=phone>, <tel:${REAL}>`,
      Privacy: 'id',
    });
    expect(callerIdentity(req, true)).toEqual({ user: REAL, source: 'p-asserted-identity', anonymous: true });
    // With trust switched off, From is all there is: nobody routable.
    expect(callerIdentity(req, false)).toMatchObject({ user: 'anonymous', source: 'from', anonymous: true });
  });

  it('falls back to From when PAI is unusable, and flags privacy requests', () => {
    const req = headers({ From: `<sip:${REAL}@c>;tag=1`, 'P-Asserted-Identity': '<sip:carrier.example>', Privacy: 'none' });
    expect(callerIdentity(req, true)).toEqual({ user: REAL, source: 'from', anonymous: false });
    expect(callerIdentity(headers({ From: `<sip:${REAL}@c>;tag=1`, Privacy: 'header;id' }), true).anonymous).toBe(true);
  });
});
