/**
 * Sessions in Redis: create (allocation + bindings in one script), read, list,
 * update, close, expire, and the routing lookup used by both the API and SIP.
 */
import type { Redis } from 'ioredis';
import {
  MasqError,
  PoolExhausted,
  PoolNotFound,
  SessionClosed,
  SessionExpired,
  SessionNotFound,
  ValidationFailed,
} from '../errors.js';
import type { PhoneNumber } from '../masking/e164.js';
import { allocationPlan } from '../masking/allocation-policy.js';
import { isSessionId, newSessionId, sessionIdFloor } from '../masking/ids.js';
import type { Announcements, CallArrival, Page, RecordingChannels, RecordingPolicy, ResolveResult, RouteMedia, Session, SessionMode, SessionOptions, SessionStatus } from '../masking/types.js';

export type { CallArrival, ResolveResult };
import { refKeyPart, type Keys } from './keys.js';
import { guard, type StoreContext } from './context.js';
import { decodeSession, encodeOptions, type OptionChanges } from './session-codec.js';
import { idPage, mergeDesc, type IdSource } from './id-pages.js';
import { compareStreamPos, isStreamPos, lexSource, streamSource } from './id-sources.js';

export interface CreateSessionInput {
  poolId: string;
  mode: SessionMode;
  firstParty: PhoneNumber;
  secondParty: PhoneNumber;
  ttlSeconds: number;
  options: SessionOptions;
}

export interface SessionFilter {
  poolId?: string;
  participant?: string;
  status?: SessionStatus;
  clientReference?: string;
}


function scriptError(code: string, ctx: { poolId?: string; sessionId?: string }): MasqError {
  switch (code) {
    case 'pool_not_found':
      return new PoolNotFound(ctx.poolId ?? '');
    case 'pool_exhausted':
      return new PoolExhausted(ctx.poolId ?? '');
    case 'same_party':
      return new ValidationFailed([{ field: 'secondParty', message: 'must differ from firstParty' }]);
    case 'session_not_found':
      return new SessionNotFound(ctx.sessionId ?? '');
    case 'session_closed':
      return new SessionClosed(ctx.sessionId ?? '');
    case 'session_expired':
      return new SessionExpired(ctx.sessionId ?? '');
    default:
      return new MasqError('internal', 500, 500, `unexpected store reply ${code}`);
  }
}

/** Status as callers should see it: an open session past expiresAt is expired even before the sweep. */
function effective(s: Session, now: number): Session {
  return s.status === 'open' && s.expiresAt <= now ? { ...s, status: 'expired', endedAt: s.expiresAt } : s;
}

/** The media options resolve_route returns after the routing fields (positions 9–13). */
function routeMedia(r: string[]): RouteMedia {
  return {
    poolId: r[9] ?? '',
    record: r[10] === '1',
    ...(r[11] ? { announcements: JSON.parse(r[11]) as Announcements } : {}),
    ...(r[12] ? { recordingChannels: r[12] as RecordingChannels } : {}),
    ...(r[13] ? { recordingPolicy: r[13] as RecordingPolicy } : {}),
  };
}

/** Sessions in Redis: create (allocation), read, list, change, close, expire, and the routing lookup. */
export class SessionStore {
  private readonly keys: Keys;
  constructor(private readonly ctx: StoreContext) {
    this.keys = ctx.keys;
  }

  private get redis(): Redis {
    return this.ctx.redis;
  }

  private horizonMs(): number {
    return (this.ctx.limits.ttlMaxS + this.ctx.limits.tombstoneRetentionS) * 1000;
  }

  /** Allocates numbers and creates an open session atomically; 409 pool_exhausted when none fit. */
  async create(input: CreateSessionInput): Promise<Session> {
    const id = newSessionId();
    const { set } = encodeOptions(input.options);
    const { firstParty: a, secondParty: b } = input;
    const plan = allocationPlan(input.mode, a, b);
    const reply = (await guard(() =>
      this.ctx.scripts.create_session.run(this.redis, this.ctx.prefix, [
        id,
        input.poolId,
        input.mode,
        a.e164,
        b.e164,
        plan.first.join(','),
        plan.second.join(','),
        input.ttlSeconds * 1000,
        sessionIdFloor(Date.now() - this.horizonMs()),
        this.horizonMs(),
        this.ctx.limits.ttlMaxS * 1000,
        ...set,
      ]),
    )) as string[];
    if (reply[0] !== 'ok') throw scriptError(reply[1] ?? '', { poolId: input.poolId });
    const createdAt = Number(reply[3]);
    return {
      id,
      status: 'open',
      poolId: input.poolId,
      mode: input.mode,
      firstParty: { number: a.e164, proxyNumber: reply[1] ?? '' },
      secondParty: { number: b.e164, proxyNumber: reply[2] ?? '' },
      createdAt,
      expiresAt: Number(reply[4]),
      updatedAt: null,
      endedAt: null,
      ...input.options,
      stats: { callCount: 0, totalDurationSeconds: 0, lastCallAt: null, lastInteractionAt: null },
    };
  }

  /** Reads a session (open or tombstoned); expires it first when it is due. */
  async get(id: string): Promise<Session | undefined> {
    if (!isSessionId(id)) return undefined;
    const s = decodeSession(id, await guard(() => this.redis.hgetall(this.keys.session(id))));
    if (s && s.status === 'open' && s.expiresAt <= Date.now()) {
      await this.finish(id, 'expire-if-due');
      return this.get(id);
    }
    return s;
  }

  /** Reads a session or throws 404. */
  async require(id: string): Promise<Session> {
    const s = await this.get(id);
    if (!s) throw new SessionNotFound(id);
    return s;
  }

  private async finish(id: string, action: 'closed' | 'expire-if-due'): Promise<[string, string]> {
    const retention = this.ctx.limits.tombstoneRetentionS * 1000;
    return (await guard(() =>
      this.ctx.scripts.finish_session.run(this.redis, this.ctx.prefix, [id, action, retention]),
    )) as [string, string];
  }

  /** Closes an open session (bindings freed at once). Closing a closed session is a no-op. */
  async close(id: string): Promise<Session> {
    if (!isSessionId(id)) throw new SessionNotFound(id);
    const [before, after] = await this.finish(id, 'closed');
    if (before === '') throw new SessionNotFound(id);
    if (after === 'expired') throw new SessionExpired(id);
    return this.require(id);
  }

  /** Changes TTL (counted from creation) and options of an open session. */
  async update(id: string, change: { ttlSeconds?: number; options: OptionChanges }): Promise<Session> {
    if (!isSessionId(id)) throw new SessionNotFound(id);
    const { set, del } = encodeOptions(change.options);
    const reply = (await guard(() =>
      this.ctx.scripts.update_session.run(this.redis, this.ctx.prefix, [
        id,
        change.ttlSeconds === undefined ? '' : change.ttlSeconds * 1000,
        this.horizonMs(),
        set.length / 2,
        ...set,
        ...del,
      ]),
    )) as string[];
    if (reply[0] !== 'ok') throw scriptError(reply[1] ?? '', { sessionId: id });
    return this.require(id);
  }

  /** Lists sessions newest first, using the most selective index the filter allows. */
  async list(filter: SessionFilter, limit: number, cursor: string | undefined): Promise<Page<Session>> {
    const source = await this.sourceFor(filter, cursor);
    const now = Date.now();
    return idPage({
      source,
      limit,
      cursor,
      load: async (ids) => {
        const hashes = await guard(() => Promise.all(ids.map((id) => this.redis.hgetall(this.keys.session(id)))));
        return hashes.map((h, i) => {
          const s = decodeSession(ids[i] as string, h);
          return s && effective(s, now);
        });
      },
      keep: (s) =>
        (!filter.status || s.status === filter.status) &&
        (!filter.poolId || s.poolId === filter.poolId) &&
        (!filter.clientReference || s.clientReference === filter.clientReference) &&
        (!filter.participant || s.firstParty.number === filter.participant || s.secondParty.number === filter.participant),
    });
  }

  private async sourceFor(filter: SessionFilter, cursor: string | undefined): Promise<IdSource> {
    const { redis, keys } = this;
    let source: IdSource;
    if (filter.participant) source = lexSource(redis, keys.participantSessions(filter.participant));
    else if (filter.clientReference) source = lexSource(redis, keys.refSessions(refKeyPart(filter.clientReference)));
    else if (filter.poolId) source = streamSource(redis, keys.poolSessions(filter.poolId), filter.poolId);
    else {
      const pools = await guard(() => redis.zrange(keys.pools(), 0, -1));
      source = mergeDesc(
        pools.map((p) => streamSource(redis, keys.poolSessions(p), p)),
        compareStreamPos,
      );
    }
    const streamCursor = !filter.participant && !filter.clientReference;
    if (cursor !== undefined && (streamCursor ? !isStreamPos(cursor) : !isSessionId(cursor))) {
      throw new ValidationFailed([{ field: 'cursor', message: 'not a cursor of this listing (filters changed?)' }]);
    }
    return source;
  }

  /** The routing lookup: which session a call from `from` to virtual number `to` belongs to. */
  /**
   * The routing lookup. With `call` (the SIP path), a call that finds an open
   * session is also recorded, with its call.initiated event, in the same script.
   */
  async resolve(from: string, to: string, call?: CallArrival): Promise<ResolveResult> {
    const { scripts, prefix, limits } = this.ctx;
    const r = (await guard(() =>
      call
        ? scripts.route_call.run(this.redis, prefix, [from, to, call.id, call.startedAt, limits.tombstoneRetentionS * 1000, call.ringTimeoutS, call.callTimeLimitS, call.maxPerSession ?? 0, call.maxPerNumber ?? 0])
        : scripts.resolve.run(this.redis, prefix, [from, to]),
    )) as string[];
    switch (r[0]) {
      case 'ok':
        return {
          kind: 'open',
          sessionId: r[1] ?? '',
          mode: r[2] as SessionMode,
          direction: r[3] === from ? 'first' : 'second',
          a: r[3] ?? '',
          b: r[4] ?? '',
          va: r[5] ?? '',
          vb: r[6] ?? '',
          ...(r[7] ? { ringTimeoutSeconds: Number(r[7]) } : {}),
          ...(r[8] ? { callTimeLimitSeconds: Number(r[8]) } : {}),
          ...(call ? { recorded: true, media: routeMedia(r) } : {}),
        };
      case 'closed':
      case 'expired':
        return { kind: 'ended', sessionId: r[1] ?? '', status: r[0] };
      case 'not_in_session':
        return { kind: 'not_in_session' };
      case 'busy':
        return { kind: 'busy', sessionId: r[1] ?? '', scope: r[2] === 'number' ? 'number' : 'session' };
      default:
        return { kind: 'number_not_found' };
    }
  }

  /** Expires up to `batch` due sessions; returns their ids. Safe in several instances at once. */
  async sweep(batch: number): Promise<string[]> {
    const retention = this.ctx.limits.tombstoneRetentionS * 1000;
    return (await guard(() => this.ctx.scripts.sweep.run(this.redis, this.ctx.prefix, [batch, retention]))) as string[];
  }
}
