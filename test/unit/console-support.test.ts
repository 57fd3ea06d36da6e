/**
 * The console's pure parts, and its API types: generated from the document Masq
 * builds, so a route or field changed on the server without regenerating fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskNumber } from '../../console/src/format.js';
import { numbersFromCsv } from '../../console/src/csv.js';
import { SCHEMA_FILE, consoleApiTypes } from '../../scripts/console-api-types.js';

describe('console support', () => {
  it('masks a number to its start and last four digits', () => {
    expect(maskNumber('+14155550123')).toBe('+1415•••0123');
    expect(maskNumber('+447700900123')).toBe('+4477•••0123');
    expect(maskNumber('+3312345')).toBe('+33•••2345');
    expect(maskNumber('12345')).toBe('•••••');
  });

  it('reads the first column of a CSV, skipping a header and blank lines, keeping line numbers', () => {
    expect(numbersFromCsv('number,country\r\n"+14155550100",US\n\n+14155550101\nbad,US\n')).toEqual([
      { line: 2, value: '+14155550100' },
      { line: 4, value: '+14155550101' },
      { line: 5, value: 'bad' },
    ]);
    expect(numbersFromCsv('+14155550100\n')).toEqual([{ line: 1, value: '+14155550100' }]);
  });

  it("types the console's client from Masq's own OpenAPI document (regenerate: npm run console:api)", async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await consoleApiTypes());
  });
});
