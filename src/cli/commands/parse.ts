/** Option value parsers shared by the commands: a bad value is a usage error (exit 2). */
import { CliError } from '../client.js';
import { EXIT } from '../exit-codes.js';

/** A parser for a positive integer option named `flag`. */
export function positiveInt(flag: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag} must be a positive integer, not '${v}'`, EXIT.usage);
    return n;
  };
}

const AGO = /^(\d{1,9})([smhd])$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A parser for a time option named `flag`: a date and time (`2026-12-01T09:00:00Z`,
 * `2026-12-01`) or how long ago (`90s`, `15m`, `2h`, `7d`); gives ISO 8601 in UTC.
 *
 * @example timeOption('--since')('2h') // two hours before now, as '2026-…Z'
 */
export function timeOption(flag: string, now: () => number = Date.now): (v: string) => string {
  return (v) => {
    const ago = AGO.exec(v.trim());
    const ms = ago ? now() - Number(ago[1]) * UNIT_MS[ago[2] as keyof typeof UNIT_MS] : Date.parse(v);
    if (!Number.isFinite(ms)) throw new CliError(`${flag} must be a date and time (2026-12-01T09:00:00Z) or how long ago (15m, 2h, 7d), not '${v}'`, EXIT.usage);
    return new Date(ms).toISOString();
  };
}
