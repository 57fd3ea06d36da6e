/**
 * Exit codes of `masq`, stable so scripts can branch on them. README.md lists
 * them; changing one is a breaking change.
 */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** A fault in the CLI itself (a bug: please report it). */
  internal: 1,
  /** Wrong command, option or argument; nothing was sent. */
  usage: 2,
  /** The API could not be reached (refused, timed out, bad URL). */
  unreachable: 3,
  /** The API refused the key (401/403). */
  unauthorized: 4,
  /** What was named does not exist (404). */
  notFound: 5,
  /** It conflicts with the current state: exists already, pool exhausted, closed (409/410). */
  conflict: 6,
  /** The API rejected the input (400/413/415/422). */
  invalid: 7,
  /** The service answered 5xx or is not ready (503 included). */
  unavailable: 8,
  /** `numbers import` finished, but some rows were invalid (the rest were added). */
  partial: 9,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code for an HTTP error status. */
export function exitForStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return EXIT.unauthorized;
  if (status === 404) return EXIT.notFound;
  if (status === 409 || status === 410) return EXIT.conflict;
  if (status >= 500) return EXIT.unavailable;
  if (status >= 400) return EXIT.invalid;
  return EXIT.internal;
}
