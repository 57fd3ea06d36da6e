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
