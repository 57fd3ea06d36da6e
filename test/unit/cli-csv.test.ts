import { describe, expect, it } from 'vitest';
import { parseNumbersCsv, splitCsvLine } from '../../src/cli/csv.js';
import { exitForStatus, EXIT } from '../../src/cli/exit-codes.js';

describe('numbers CSV', () => {
  it('splits quoted fields', () => {
    expect(splitCsvLine('"+1 (202) 555-0100","voice;sms", "D""C"')).toEqual(['+1 (202) 555-0100', 'voice;sms', 'D"C']);
  });

  it('reads a header, skips blank and comment lines, and keeps editor line numbers', () => {
    const { rows, problems } = parseNumbersCsv('\uFEFFregion,number,capabilities\n# comment\nDC,+12025550100,voice|sms\n\n,,\nNY,+12125550100,fax\n');
    expect(rows).toEqual([{ line: 3, number: '+12025550100', capabilities: ['voice', 'sms'], region: 'DC' }]);
    expect(problems.map((p) => p.line)).toEqual([5, 6]);
  });

  it('without a header the first column is the number', () => {
    expect(parseNumbersCsv('+12025550100\n+12025550101,extra\n').rows.map((r) => r.number)).toEqual(['+12025550100', '+12025550101']);
  });
});

describe('exit codes', () => {
  it('map HTTP statuses', () => {
    expect([401, 403, 404, 409, 410, 400, 413, 503, 500].map(exitForStatus)).toEqual([
      EXIT.unauthorized, EXIT.unauthorized, EXIT.notFound, EXIT.conflict, EXIT.conflict, EXIT.invalid, EXIT.invalid, EXIT.unavailable, EXIT.unavailable,
    ]);
  });
});
