import { describe, expect, it } from 'vitest';
import { normalizeNumber, parseNumber } from '../../src/masking/e164.js';
import { ValidationFailed } from '../../src/errors.js';

describe('E.164 normalisation', () => {
  it('keeps a valid E.164 number and derives country and NANP area', () => {
    expect(parseNumber('+14155550123', 'US')).toEqual({ e164: '+14155550123', country: 'US', region: '415' });
  });

  it('reads national formats in the default region', () => {
    expect(parseNumber('(415) 555-0123', 'US')?.e164).toBe('+14155550123');
    expect(parseNumber('020 7183 8750', 'GB')?.e164).toBe('+442071838750');
  });

  it('gives no area outside NANP', () => {
    expect(parseNumber('+4915112345678', 'US')).toEqual({ e164: '+4915112345678', country: 'DE', region: '' });
  });

  it.each(['', '+1555', 'abc', '+999123456789', '1'.repeat(40), '+12025550100x12', '+1 202 555 0100 ext. 99'])(
    'rejects %j',
    (input) => {
      expect(parseNumber(input, 'US')).toBeUndefined();
    },
  );

  it('names the field in the 400 it raises', () => {
    try {
      normalizeNumber('+1555', 'firstParty', 'US');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationFailed);
      expect((err as ValidationFailed).details).toEqual([{ field: 'firstParty', message: expect.stringContaining('valid phone number') }]);
      expect((err as ValidationFailed).httpStatus).toBe(400);
    }
  });
});
