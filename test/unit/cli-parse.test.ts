/** The CLI's time options: a date and time, or how long ago; anything else is a usage error. */
import { describe, expect, it } from 'vitest';
import { timeOption } from '../../src/cli/commands/parse.js';
import { EXIT } from '../../src/cli/exit-codes.js';

const now = Date.parse('2026-12-01T12:00:00.000Z');
const since = timeOption('--since', () => now);

describe('timeOption', () => {
  it('reads how long ago, in seconds, minutes, hours or days', () => {
    expect(since('90s')).toBe('2026-12-01T11:58:30.000Z');
    expect(since('15m')).toBe('2026-12-01T11:45:00.000Z');
    expect(since('2h')).toBe('2026-12-01T10:00:00.000Z');
    expect(since('7d')).toBe('2026-11-24T12:00:00.000Z');
  });

  it('reads dates and times (any offset) and gives them in UTC', () => {
    expect(since('2026-12-01T09:30:00+02:00')).toBe('2026-12-01T07:30:00.000Z');
    expect(since('2026-12-01')).toBe('2026-12-01T00:00:00.000Z');
  });

  it('refuses anything else as a usage error naming the option', () => {
    for (const bad of ['yesterday', '15 minutes', '-2h', '']) {
      expect(() => since(bad)).toThrow(expect.objectContaining({ exitCode: EXIT.usage, message: expect.stringContaining('--since must be') }));
    }
  });
});
