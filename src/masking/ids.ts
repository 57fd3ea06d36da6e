/**
 * Ids of sessions and calls: 10 characters of creation time (ms, Crockford base32) followed by 10
 * random ones. They sort by creation time, so the listing indexes are plain
 * lexicographic sets whose old entries can be trimmed by an id prefix.
 */
import { randomFillSync } from 'node:crypto';

// Crockford base32, lower case: ascending in ASCII, so string order = numeric order.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const ID_RE = /^[0-9a-hjkmnp-tv-z]{20}$/;

function encodeTime(ms: number): string {
  let out = '';
  let n = Math.max(0, Math.floor(ms));
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
}

/** A new time-ordered id (sessions and calls share the shape) for something created at `nowMs`. */
function newId(nowMs: number): string {
  let rand = '';
  for (let i = 0; i < 10; i++) rand += ALPHABET[randomByte() & 31];
  return encodeTime(nowMs) + rand;
}

// Random bytes drawn from the CSPRNG 4 KiB at a time: one call per ~400 ids
// instead of one per id (each call costs more than the id itself).
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomByte(): number {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool[used++] as number;
}

/** A new session id for a session created at `nowMs`. */
export function newSessionId(nowMs: number = Date.now()): string {
  return newId(nowMs);
}

/** A new call id for a call that arrived at `nowMs`. */
export function newCallId(nowMs: number = Date.now()): string {
  return newId(nowMs);
}

/** A new prompt id (`pr-` and a time-ordered id), for uploads that do not name their own. */
export function newPromptId(nowMs: number = Date.now()): string {
  return `pr-${newId(nowMs)}`;
}

/** True when `s` has the shape of a call id. */
export function isCallId(s: string): boolean {
  return ID_RE.test(s);
}

/** The smallest id a session created at `ms` can have (for trimming indexes by age). */
export function sessionIdFloor(ms: number): string {
  return encodeTime(ms);
}

/**
 * The smallest id a call started at `ms` can have: ids of calls started at `ms`
 * or later sort at or above it, earlier ones below (for time bounds on indexes).
 */
export function callIdFloor(ms: number): string {
  return encodeTime(ms);
}

/** True when `s` has the shape of a session id (so it is safe to build a key from). */
export function isSessionId(s: string): boolean {
  return ID_RE.test(s);
}
