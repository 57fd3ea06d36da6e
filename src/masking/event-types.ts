/**
 * The event types Masq emits, and their two-letter codes.
 *
 * A session's `callbackEvents` filter is stored as these codes (`"cc,rr"`), which
 * keeps the field short enough for Redis' compact hash encoding; the same table
 * becomes a Lua table (`EVENT_CODE`) prepended to every script, so `emit()` reads
 * the filter with the codes TypeScript wrote. Codes are persisted: never reuse or
 * change one, only add.
 */

export const EVENT_CODES = {
  'session.created': 'sc',
  'session.updated': 'su',
  'session.closed': 'sx',
  'session.expired': 'se',
  'call.initiated': 'ci',
  'call.ringing': 'cr',
  'call.answered': 'ca',
  'call.completed': 'cc',
  'call.failed': 'cf',
  'recording.ready': 'rr',
  'recording.failed': 'rf',
} as const;

export type EventType = keyof typeof EVENT_CODES;

/** Every event type, in catalog order. */
export const EVENT_TYPES = Object.keys(EVENT_CODES) as [EventType, ...EventType[]];

const BY_CODE = new Map<string, EventType>(EVENT_TYPES.map((t) => [EVENT_CODES[t], t]));

/**
 * A filter as stored in the session hash: codes in catalog order, no duplicates.
 *
 * @example encodeEventFilter(['call.completed', 'session.created', 'call.completed']) // 'sc,cc'
 */
export function encodeEventFilter(types: readonly EventType[]): string {
  return canonicalEventTypes(types)
    .map((t) => EVENT_CODES[t])
    .join(',');
}

/**
 * Catalog order without duplicates: the form a filter is stored and shown in.
 *
 * @example canonicalEventTypes(['call.failed', 'session.created', 'call.failed']) // ['session.created', 'call.failed']
 */
export function canonicalEventTypes(types: readonly EventType[]): EventType[] {
  const wanted = new Set(types);
  return EVENT_TYPES.filter((t) => wanted.has(t));
}

/** The stored filter back as event types (unknown codes are dropped). */
export function decodeEventFilter(stored: string): EventType[] {
  return stored
    .split(',')
    .map((c) => BY_CODE.get(c))
    .filter((t): t is EventType => t !== undefined);
}

/** Lua source defining `EVENT_CODE[type] = code` for every event type. */
export function luaEventCodes(): string {
  const entries = EVENT_TYPES.map((t) => `[${JSON.stringify(t)}] = ${JSON.stringify(EVENT_CODES[t])}`);
  return `local EVENT_CODE = { ${entries.join(', ')} }`;
}
