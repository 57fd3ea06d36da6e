/**
 * Call records: one hash per call, written when the call starts, rings, is
 * answered and ends; the session's stats change in the same script.
 *
 * | field | meaning                        | field | meaning                          |
 * |-------|--------------------------------|-------|----------------------------------|
 * | sid   | session id ('' if none)        | an    | answered at (ms)                 |
 * | dir   | first-to-second / second-to-first | en | ended at (ms)                    |
 * | vn    | virtual number dialled         | dur   | talk time (s, whole)             |
 * | state | ringing/answered/completed/failed | sts | final SIP status to the caller  |
 * | st    | INVITE received (ms)           | hup   | caller / callee / masq           |
 * | rg    | first ringing (ms)             | rsn   | end reason                       |
 * | xfr   | transfers refused (REFER)      | ws    | last applied write (sequence)    |
 * | fl    | request-a-call: first leg's party | flg | request-a-call: the leg that failed |
 * | rs, rid, ru, rd, rr | the recording's status, id, URL, length, failure reason (recordings.ts) |
 */
import type { Page } from '../masking/types.js';
import { callOutcome, type CallDirection, type CallEventType, type CallLeg, type CallOutcome, type CallState, type HungUpBy, type PartyRole } from '../masking/calls.js';
import { callIdFloor, isCallId, isSessionId } from '../masking/ids.js';
import { guard, type StoreContext } from './context.js';
import { idPage } from './id-pages.js';
import { lexSource } from './id-sources.js';

export type { CallState, HungUpBy };

export interface CallRecord {
  id: string;
  sessionId: string | null;
  direction: CallDirection | null;
  virtualNumber: string;
  state: CallState;
  startedAt: number;
  ringingAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  /** From answer to end, whole seconds (0 when never answered). */
  durationSeconds: number;
  /** From INVITE to end, milliseconds. */
  totalMs: number | null;
  sipStatus: number | null;
  hungUpBy: HungUpBy | null;
  endReason: string | null;
  /** Transfers (REFER) either party attempted; each was refused. */
  refusedTransfers: number;
  recording: CallRecording | null;
  /** request-a-call: the participant rung first. */
  firstLeg: PartyRole | null;
  /** request-a-call: the leg a failure came from. */
  failedLeg: CallLeg | null;
}

/** A call's recording, once the media layer has settled it. */
export interface CallRecording {
  id: string | null;
  status: 'ready' | 'failed';
  url: string | null;
  durationSeconds: number | null;
  reason: string | null;
}

export type CallUpdate = Partial<Pick<CallRecord, 'state' | 'ringingAt' | 'answeredAt' | 'endedAt' | 'durationSeconds' | 'sipStatus' | 'hungUpBy' | 'endReason' | 'refusedTransfers' | 'failedLeg'>>;

const FIELD: Record<keyof CallUpdate, string> = {
  state: 'state',
  ringingAt: 'rg',
  answeredAt: 'an',
  endedAt: 'en',
  durationSeconds: 'dur',
  sipStatus: 'sts',
  hungUpBy: 'hup',
  endReason: 'rsn',
  refusedTransfers: 'xfr',
  failedLeg: 'flg',
};

/** field/value pairs of an update; unset fields are left out. */
function updatePairs(u: CallUpdate): (string | number)[] {
  const pairs: (string | number)[] = [];
  for (const [k, v] of Object.entries(u) as [keyof CallUpdate, string | number | null | undefined][]) {
    if (v !== undefined && v !== null) pairs.push(FIELD[k], v);
  }
  return pairs;
}

const opt = (v: string | undefined): number | null => (v === undefined ? null : Number(v));

function decodeCall(id: string, h: Record<string, string>): CallRecord | undefined {
  if (!h.st) return undefined;
  const startedAt = Number(h.st);
  const endedAt = opt(h.en);
  return {
    id,
    sessionId: h.sid || null,
    direction: (h.dir || null) as CallRecord['direction'],
    virtualNumber: h.vn ?? '',
    state: (h.state ?? 'ringing') as CallState,
    startedAt,
    ringingAt: opt(h.rg),
    answeredAt: opt(h.an),
    endedAt,
    durationSeconds: Number(h.dur ?? 0),
    totalMs: endedAt === null ? null : endedAt - startedAt,
    sipStatus: opt(h.sts),
    hungUpBy: (h.hup ?? null) as HungUpBy | null,
    endReason: h.rsn ?? null,
    refusedTransfers: Number(h.xfr ?? 0),
    recording: h.rs
      ? { id: h.rid ?? null, status: h.rs as CallRecording['status'], url: h.ru ?? null, durationSeconds: opt(h.rd), reason: h.rr ?? null }
      : null,
    firstLeg: (h.fl || null) as PartyRole | null,
    failedLeg: (h.flg || null) as CallLeg | null,
  };
}

/** What GET /v1/calls narrows the recent calls to (times in ms, inclusive). */
export interface CallFilter {
  sessionId?: string;
  outcome?: CallOutcome;
  direction?: CallDirection;
  since?: number;
  until?: number;
}

// A call's id is made from the same clock reading as its start time, give or take
// a millisecond: time bounds on ids get this much slack, the record's own start
// time decides.
const ID_SLACK_MS = 1000;

/** Where a call's writes stand: their sequence number and, on a first write, its open-call deadline. */
export interface WriteOrder {
  /** Numbers the call's writes (the routing lookup wrote 1); a repeated number changes nothing. */
  seq: number;
  /** First write only: latest time (ms) the call can be live; the sweep closes it after. */
  deadline?: number;
}

/** Call records in Redis, written in stages; each write keeps the session's stats and outbox in step. */
export class CallStore {
  constructor(private readonly ctx: StoreContext) {}

  private async write(id: string, sessionId: string | null, first: boolean, pairs: (string | number)[], event: CallEventType | '', order: WriteOrder | undefined): Promise<void> {
    // A call that matched no session (a stranger, a wrong number) is kept briefly:
    // a trunk's junk traffic must not fill Redis for the tombstone retention.
    const { tombstoneRetentionS, unmatchedCallRetentionS } = this.ctx.limits;
    const retention = (sessionId ? tombstoneRetentionS : (unmatchedCallRetentionS ?? tombstoneRetentionS)) * 1000;
    await guard(() =>
      this.ctx.scripts.call_write.run(this.ctx.redis, this.ctx.prefix, [id, sessionId ?? '', retention, event, first ? '1' : '0', order?.seq ?? 0, order?.deadline ?? 0, ...pairs]),
    );
  }

  /**
   * Records a new call (counts it in the session's stats). With `event`, the
   * session's outbox gets that event in the same atomic step; `then` adds more
   * of the record in the same write (a call turned away is one write).
   */
  async start(
    c: { id: string; sessionId: string | null; direction: CallRecord['direction']; virtualNumber: string; startedAt: number; state?: CallState; firstLeg?: PartyRole },
    event: CallEventType | '' = '',
    then: CallUpdate = {},
    order?: WriteOrder,
  ): Promise<void> {
    const pairs: (string | number)[] = ['sid', c.sessionId ?? '', 'dir', c.direction ?? '', 'vn', c.virtualNumber, 'st', c.startedAt, 'state', c.state ?? 'ringing'];
    if (c.firstLeg) pairs.push('fl', c.firstLeg);
    await this.write(c.id, c.sessionId, true, [...pairs, ...updatePairs(then)], event, order);
  }

  /**
   * Starts a request-a-call: when the session is open and has no request-a-call
   * in progress, writes the record (state initiated, seq 1) and its call.initiated
   * event, and holds the session's request-a-call lock until the write that ends
   * the call (or `deadline`, the call's longest life). Otherwise says why not.
   */
  async startRequested(c: { id: string; sessionId: string; firstLeg: PartyRole; virtualNumber: string; startedAt: number; deadline: number }): Promise<'ok' | 'not_found' | 'closed' | 'expired' | 'busy'> {
    const { tombstoneRetentionS } = this.ctx.limits;
    const r = await guard(() =>
      this.ctx.scripts.request_call.run(this.ctx.redis, this.ctx.prefix, [c.sessionId, c.id, c.startedAt, tombstoneRetentionS * 1000, c.firstLeg, c.virtualNumber, c.deadline]),
    );
    return r as 'ok' | 'not_found' | 'closed' | 'expired' | 'busy';
  }

  /**
   * Adds what happened since (and its event); setting endedAt adds the duration to
   * the session's stats and takes the call out of the open-calls index. With
   * `order`, a write Redis already applied is not applied again.
   */
  async update(id: string, sessionId: string | null, u: CallUpdate, event: CallEventType | '' = '', order?: WriteOrder): Promise<void> {
    const pairs = updatePairs(u);
    if (pairs.length) await this.write(id, sessionId, false, pairs, event, order);
  }

  /**
   * Closes up to `batch` records of calls past their deadline with no end written
   * (their instance died); returns their ids. Safe in several instances at once.
   */
  async sweepOpen(batch: number): Promise<string[]> {
    const { tombstoneRetentionS, unmatchedCallRetentionS } = this.ctx.limits;
    const r = await guard(() =>
      this.ctx.scripts.call_sweep.run(this.ctx.redis, this.ctx.prefix, [batch, tombstoneRetentionS * 1000, (unmatchedCallRetentionS ?? tombstoneRetentionS) * 1000]),
    );
    return r as string[];
  }

  async get(id: string): Promise<CallRecord | undefined> {
    if (!isCallId(id)) return undefined;
    return decodeCall(id, await guard(() => this.ctx.redis.hgetall(this.ctx.keys.call(id))));
  }

  /** A session's calls, newest first. */
  async listForSession(sessionId: string, limit: number, cursor: string | undefined): Promise<Page<CallRecord>> {
    return idPage({ source: lexSource(this.ctx.redis, this.ctx.keys.sessionCalls(sessionId)), limit, cursor, load: (ids) => this.load(ids), keep: () => true });
  }

  /**
   * Recent calls across sessions (and those turned away), newest first, from the
   * recent-calls index, or a session's own index with `sessionId`. Outcome and
   * direction are matched on the records, so a sparse filter examines a bounded
   * number of ids per page and may return a short page with a nextCursor.
   * Ids whose record has expired are skipped and dropped from the index.
   *
   * @example await calls.listRecent({ outcome: 'busy', since: Date.now() - 3_600_000 }, 50, undefined)
   */
  async listRecent(f: CallFilter, limit: number, cursor: string | undefined): Promise<Page<CallRecord>> {
    const { redis, keys, limits } = this.ctx;
    if (f.sessionId !== undefined && !isSessionId(f.sessionId)) return { items: [], nextCursor: null };
    const key = f.sessionId ? keys.sessionCalls(f.sessionId) : keys.recentCalls();
    // Ids past the longest retention have no record left: trimmed here, off the call path.
    if (!f.sessionId) await guard(() => redis.zremrangebylex(key, '-', `(${callIdFloor(Date.now() - limits.tombstoneRetentionS * 1000)}`));
    let after = cursor;
    if (f.until !== undefined) {
      const top = callIdFloor(f.until + ID_SLACK_MS + 1);
      if (after === undefined || after > top) after = top;
    }
    const min = f.since !== undefined ? callIdFloor(Math.max(0, f.since - ID_SLACK_MS)) : undefined;
    return idPage({
      source: lexSource(redis, key, min),
      limit,
      cursor: after,
      load: (ids) => this.load(ids),
      keep: (c) =>
        (f.outcome === undefined || callOutcome(c) === f.outcome) &&
        (f.direction === undefined || c.direction === f.direction) &&
        (f.since === undefined || c.startedAt >= f.since) &&
        (f.until === undefined || c.startedAt <= f.until),
    });
  }

  private async load(ids: string[]): Promise<(CallRecord | undefined)[]> {
    const { redis, keys } = this.ctx;
    const hashes = await guard(() => Promise.all(ids.map((id) => redis.hgetall(keys.call(id)))));
    return hashes.map((h, i) => decodeCall(ids[i] as string, h));
  }
}
