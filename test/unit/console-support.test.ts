/**
 * The console's pure parts, and its API types: generated from the document Masq
 * builds, so a route or field changed on the server without regenerating fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskNumber } from '../../console/src/format.js';
import { numbersFromCsv } from '../../console/src/csv.js';
import { addEvent, summarize, type Bins } from '../../console/src/stats.js';
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

  it('folds call events into per-minute figures: outcomes, setup latency, failure reasons, a bounded window', () => {
    const now = Date.parse('2026-12-01T10:30:30Z');
    const at = (min: number, s = 0) => new Date(Date.parse('2026-12-01T10:00:00Z') + min * 60_000 + s * 1000).toISOString();
    const bins: Bins = new Map();
    const ev = (type: string, occurredAt: string, call: object = {}) => addEvent(bins, { type, occurredAt, call }, now);
    ev('session.created', at(30));
    ev('call.ringing', at(29), { startedAt: at(29), ringingAt: at(29, 0.12) });
    ev('call.ringing', at(30), { startedAt: at(30), ringingAt: at(30, 0.3) });
    ev('call.completed', at(29, 40));
    ev('call.completed', at(30, 10));
    ev('call.failed', at(30, 20), { endReason: 'callee-rejected', sipStatus: 486 });
    ev('call.failed', at(28), { endReason: null, sipStatus: 503 });
    ev('call.completed', at(-60)); // older than the window: dropped
    const s = summarize(bins, now, 3);
    expect(s.x).toEqual([at(28), at(29), at(30)].map((t) => Date.parse(t) / 1000));
    expect(s.completed).toEqual([0, 1, 1]);
    expect(s.failed).toEqual([1, 0, 1]);
    expect(s.latency).toEqual([null, 120, 300]);
    expect([s.p50, s.p95]).toEqual([300, 300]);
    expect(s.reasons).toEqual([['SIP 503', 1], ['callee-rejected', 1]]);
    expect(s.total).toEqual({ completed: 2, failed: 2 });
    expect([...bins.keys()].every((k) => k >= now - 60 * 60_000)).toBe(true);
  });

  it("types the console's client from Masq's own OpenAPI document (regenerate: npm run console:api)", async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await consoleApiTypes());
  });
});
