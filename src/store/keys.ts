/**
 * Every Redis key Masq uses, with its type and lifetime, in one table.
 *
 * The same table generates the TypeScript key builders (`createKeys`) and the Lua
 * key functions at the head of the script library (`luaKeyPrelude`), so the two cannot
 * drift apart. All keys start with the configured prefix (default `masq:`); for
 * Redis Cluster use a hash-tagged prefix such as `{masq}:` so every script's keys
 * share one slot.
 *
 * Lifetimes:
 * - pools, numbers, bindings: until deleted through the API.
 * - `session`: no TTL while open; on close/expiry it becomes a tombstone with a
 *   TTL of MASQ_TOMBSTONE_RETENTION_S (default 30 days).
 * - `tombBinding`: same retention, so a call after expiry hears "expired", not "unknown".
 * - `participantSessions`, `refSessions`: TTL refreshed on every write to
 *   ttlMax + retention (the longest any member can stay readable); entries older
 *   than that horizon are trimmed by creates (ids sort by creation time).
 * - `participantCursor`: TTL = MASQ_SESSION_TTL_MAX_S, refreshed on use.
 * - `call`, `sessionCalls`: retention TTL from every write.
 * - `recentCalls`: the newest RECENT_CALLS_KEPT call ids (up to RECENT_CALLS_TRIM
 *   more between trims); ids older than the
 *   retention are trimmed when the list is read, ids whose record expired early
 *   (calls that matched no session) when a page meets them.
 * - `events`: MASQ_EVENT_RETENTION_S (default 7 days; at least 1 day, as webhook
 *   retries stop at 24 h), trimmed by each append.
 * - prompts: until deleted through the API (built-in ones are restored at start).
 * - `routingDecisions`: the newest ROUTING_DECISIONS_KEPT (about 1,000) entries.
 * - `wh:*` delivery state: no TTL; a session's queue and heads entry go when its
 *   last event is settled; the counters are single keys.
 */
import { createHash } from 'node:crypto';

export const KEY_TEMPLATES = {
  /** ZSET (score 0, lex order) of pool ids. */
  pools: 'pools',
  /** HASH pool record: id, desc, ca, nidx (next number index), nums, healthy, used, open, state. */
  pool: 'pool:{pool}',
  /** ZSET (lex) of the pool's numbers, for paginated listing. */
  poolNumbers: 'pool:{pool}:nums',
  /** ZSET score=number index: numbers that may take a new session, per geo bucket (`*`, `US`, `US:202`). */
  poolEligible: 'pool:{pool}:el:{bucket}',
  /** ZSET score=number index: eligible numbers with no binding at all (for dedicated sessions). */
  poolIdle: 'pool:{pool}:idle:{bucket}',
  /** ZSET score=cool-off end (ms): numbers that return to allocation when it passes. */
  poolCooloff: 'pool:{pool}:cool',
  /** HASH bucket → index last handed out (round-robin start per bucket). */
  poolCursor: 'pool:{pool}:rr',
  /** STREAM of the pool's session ids (field `s`), open and tombstoned; trimmed by age (MINID). */
  poolSessions: 'pool:{pool}:sess',
  /** HASH bucket → generation, bumped whenever a number (re)enters the bucket's eligible set. */
  poolGeneration: 'pool:{pool}:gen',
  /** HASH number record: pool, idx, cc, rg, caps, ok, cool, ded, load, drain, ca. */
  number: 'num:{number}',
  /** HASH participant → open session id: the routing key (virtual number, caller) → session. */
  bindings: 'vb:{number}',
  /** STRING session id of the last session that bound (number, participant); retention TTL. */
  tombBinding: 'tb:{number}:{participant}',
  /** HASH session (short field names, see session-codec.ts). */
  session: 'ses:{session}',
  /** ZSET score=expiresAt (ms): open sessions, read by the sweeper. */
  expiry: 'exp',
  /** ZSET (lex) of a participant's sessions. */
  participantSessions: 'part:{participant}:sess',
  /**
   * HASH for a participant with many sessions: field `{pool}` → index where its next
   * allocation walk starts; field `x|{pool}|{bucket}` → bucket generation at which the
   * participant was found bound on every eligible number of that bucket (skip it).
   */
  participantCursor: 'part:{participant}:cur',
  /** ZSET (lex) of sessions carrying one clientReference (keyed by its hash). */
  refSessions: 'ref:{ref}:sess',
  /** HASH call record (see calls.ts); TTL = tombstone retention. */
  call: 'call:{call}',
  /** STRING: a digest nonce that has served (trunk authentication); TTL = the nonce's life. */
  nonce: 'nonce:{nonce}',
  /** ZSET score = latest time (ms) the call can still be live: calls whose end is not recorded yet. */
  openCalls: 'calls:open',
  /** SET of a session's live calls (only while MASQ_MAX_CALLS_PER_SESSION or _PER_NUMBER is set); members leave as calls end. */
  sessionLive: 'ses:{session}:live',
  /** SET of a virtual number's live calls (same condition). */
  numberLive: 'num:{number}:live',
  /** ZSET (lex, call ids sort by start) of a session's calls; TTL = tombstone retention. */
  sessionCalls: 'ses:{session}:calls',
  /**
   * ZSET (score 0, lex: call ids sort by start) of every call, sessions' and turned-away
   * ones, added by the call's first write; capped at RECENT_CALLS_KEPT (GET /v1/calls),
   * trimmed RECENT_CALLS_TRIM at a time.
   */
  recentCalls: 'calls:recent',
  /** STRING, the id of the session's request-a-call in progress; deleted by the write that ends it, TTL = that call's longest life. */
  sessionRequested: 'ses:{session}:rac',
  /**
   * STREAM, the event outbox and log: one entry per event (`t` type, `s` session id,
   * `at` ms, `p` the session's previous event id, `d` JSON body, and `nw` = '1' when
   * the session's callbackEvents filter keeps it from webhooks), appended by the
   * same script as the state change it reports; trimmed to the event retention by
   * age (MINID). A session's events form a chain from its hash's `ev` field back
   * through `p` — a few bytes per session instead of a list key each.
   */
  events: 'events',
  /** STRING: id of the last outbox entry handed to delivery queues. */
  deliveryCursor: 'wh:cursor',
  /**
   * STRING counter: outbox entries appended (by emit) and not yet read by dispatch;
   * reset to 0 whenever dispatch catches up, so entries trimmed unread cannot skew it.
   */
  deliveryUndispatched: 'wh:undispatched',
  /** STRING counter: events in all delivery queues (waiting, retrying or in flight). */
  deliveryPending: 'wh:pending',
  /** ZSET score = time (ms) of the session's oldest queued event, member = session id. */
  deliveryHeads: 'wh:heads',
  /** ZSET (lex, member = zero-padded event id) of a session's events still to deliver, oldest first. */
  deliveryQueue: 'wh:q:{session}',
  /** ZSET score = when the session's head event may be (re)tried (ms); also holds claim leases. */
  deliveryReady: 'wh:ready',
  /** HASH event id → 'attempts|firstAttemptMs|lastError' for events being retried. */
  deliveryAttempts: 'wh:attempts',
  /** ZSET score = dead-lettered at (ms), member = event id. */
  deadLetters: 'wh:dead',
  /** HASH event id → JSON {sessionId, attempts, lastError, deadAt}. */
  deadLetterInfo: 'wh:deadinfo',
  /**
   * STREAM of the routing callback's decisions (fields `c` call id, `r` reason, `s`
   * session id, `a` action, `d` JSON details with numbers masked, `ms` time taken),
   * capped at ROUTING_DECISIONS_KEPT entries: what the console shows operators.
   */
  routingDecisions: 'routing:decisions',
  /** ZSET (lex) of prompt ids. */
  prompts: 'prompts',
  /** HASH prompt record: id, name, rate, ms, bytes, sha, ca, builtin. */
  prompt: 'prompt:{prompt}',
  /** STRING the prompt's WAV bytes (≤ 5 MB): every instance writes its own copy for its media server. */
  promptAudio: 'prompt:{prompt}:wav',
  /** SET of what refers to the prompt: `p:{pool}` and `s:{session}` (closed sessions are pruned on delete). */
  promptRefs: 'prompt:{prompt}:refs',
} as const;

/** How many routing-callback decisions are kept (roughly: the stream is trimmed with `~`). */
export const ROUTING_DECISIONS_KEPT = 1000;

/** How many call ids the recent-calls index keeps (about 120 B each in Redis: 11.4 MiB when full). */
export const RECENT_CALLS_KEPT = 100_000;

/** The recent-calls index may hold this many more before the call path trims it back (in one go). */
export const RECENT_CALLS_TRIM = 1000;

/** How long events stay in the log (and so how long an undelivered one can wait) when the store is not told (MASQ_EVENT_RETENTION_S). */
export const DEFAULT_EVENT_RETENTION_S = 7 * 86_400;

/** How long past its ring timeout and time limit a call may stay open before the sweep closes its record. */
export const OPEN_CALL_GRACE_MS = 60_000;

type Templates = typeof KEY_TEMPLATES;
type ParamsOf<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? P | ParamsOf<Rest> : never;
type KeyFn<T extends string> = [ParamsOf<T>] extends [never] ? () => string : (...args: string[]) => string;

/** Key builders bound to a prefix; arguments follow the template's placeholder order. */
export type Keys = { readonly [K in keyof Templates]: KeyFn<Templates[K]> };

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

/**
 * Builds the TypeScript key functions for a prefix.
 *
 * @example createKeys('masq:').bindings('+12025550100') // 'masq:vb:+12025550100'
 */
export function createKeys(prefix: string): Keys {
  const out: Record<string, (...args: string[]) => string> = {};
  for (const [name, template] of Object.entries(KEY_TEMPLATES)) {
    const params = placeholders(template);
    out[name] = (...args: string[]) => {
      let i = 0;
      return prefix + template.replace(/\{\w+\}/g, () => args[i++] ?? '');
    };
    if (params.length === 0) out[name] = () => prefix + template;
  }
  return out as unknown as Keys;
}

/**
 * Lua source defining `K_<name>(...)` for every template, and the constants the
 * scripts share (the event log's retention among them); the prefix is ARGV[1]
 * of every script.
 *
 * @example luaKeyPrelude({ eventRetentionMs: 604_800_000 })
 */
export function luaKeyPrelude(opts: { eventRetentionMs: number }): string {
  if (!Number.isSafeInteger(opts.eventRetentionMs) || opts.eventRetentionMs <= 0) throw new RangeError(`event retention must be a positive whole number of ms: ${opts.eventRetentionMs}`);
  const lines = [
    '-- The key prefix; every script function sets it from ARGV[1] on entry.',
    'local PFX',
    `local EVENT_RETENTION_MS = ${opts.eventRetentionMs}`,
    `local OPEN_CALL_GRACE_MS = ${OPEN_CALL_GRACE_MS}`,
    `local RECENT_CALLS_KEPT = ${RECENT_CALLS_KEPT}`,
    `local RECENT_CALLS_TRIM = ${RECENT_CALLS_TRIM}`,
  ];
  for (const [name, template] of Object.entries(KEY_TEMPLATES)) {
    const params = placeholders(template);
    const body = template
      .split(/(\{\w+\})/)
      .filter((part) => part !== '')
      .map((part) => (part.startsWith('{') ? `tostring(${part.slice(1, -1)})` : JSON.stringify(part)))
      .join(' .. ');
    lines.push(`local function K_${name}(${params.join(', ')}) return PFX .. ${body} end`);
  }
  return lines.join('\n');
}

/**
 * The key part for a clientReference: the first 16 hex digits of its SHA-1, as the
 * Lua side computes them with redis.sha1hex. A collision only puts another
 * reference's sessions in the same set; listing filters on the reference itself.
 */
export function refKeyPart(clientReference: string): string {
  return createHash('sha1').update(clientReference, 'utf8').digest('hex').slice(0, 16);
}
