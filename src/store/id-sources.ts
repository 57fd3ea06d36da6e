/**
 * The two kinds of listing index: small lexicographic sorted sets of time-ordered
 * session ids (per participant, per clientReference) and a stream per pool (about
 * 30 bytes an entry, a quarter of a sorted set's; a tiny stream costs kilobytes,
 * so small indexes stay sorted sets).
 */
import type { Redis } from 'ioredis';
import { guard } from './context.js';
import type { IdSource, IndexEntry } from './id-pages.js';

// Stream position: `<entry id>~<pool id>`. Entry ids of different pools can be
// equal, so the pool id breaks ties and says which stream an entry came from.
const STREAM_POS = /^(\d{1,20})-(\d{1,20})~([A-Za-z0-9_.-]{1,64})$/;

/** Whether a string is a Redis stream position (`<ms>-<seq>`), safe to use as a cursor. */
export function isStreamPos(s: string): boolean {
  return STREAM_POS.test(s);
}

function splitPos(pos: string): [bigint, bigint, string] {
  const m = STREAM_POS.exec(pos);
  if (!m) return [0n, 0n, ''];
  return [BigInt(m[1] as string), BigInt(m[2] as string), m[3] as string];
}

/** Orders stream positions: by entry id, then pool id. */
export function compareStreamPos(x: string, y: string): number {
  const [xm, xs, xp] = splitPos(x);
  const [ym, ys, yp] = splitPos(y);
  if (xm !== ym) return xm > ym ? 1 : -1;
  if (xs !== ys) return xs > ys ? 1 : -1;
  return xp === yp ? 0 : xp > yp ? 1 : -1;
}

/**
 * A ZSET of time-ordered ids (sessions or calls) with score 0: position = the id
 * itself. With `min`, entries below it (older) are never fetched.
 */
export function lexSource(redis: Redis, key: string, min?: string): IdSource {
  return {
    compare: (x, y) => (x === y ? 0 : x > y ? 1 : -1),
    fetch: async (after, count) => {
      const ids = await guard(() => redis.zrange(key, after ? `(${after}` : '+', min ? `[${min}` : '-', 'BYLEX', 'REV', 'LIMIT', 0, count));
      return ids.map((id) => ({ id, pos: id }));
    },
    forget: async (entries: IndexEntry[]) => {
      await guard(() => redis.zrem(key, ...entries.map((e) => e.id)));
    },
  };
}

/** A pool's STREAM; entries carry the session id in field `s`. */
export function streamSource(redis: Redis, key: string, poolId: string): IdSource {
  return {
    compare: compareStreamPos,
    fetch: async (after, count) => {
      let bound = '+';
      if (after) {
        const [ms, seq, pool] = splitPos(after);
        // Same entry id in a pool that sorts below the cursor's is still "older".
        bound = poolId < pool ? `${ms}-${seq}` : `(${ms}-${seq}`;
      }
      const rows = await guard(() => redis.xrevrange(key, bound, '-', 'COUNT', count));
      return rows.map(([id, fields]) => ({ id: fields[1] ?? '', pos: `${id}~${poolId}` }));
    },
    forget: async (entries: IndexEntry[]) => {
      const own = entries.filter((e) => e.pos.endsWith(`~${poolId}`)).map((e) => e.pos.slice(0, e.pos.indexOf('~')));
      if (own.length) await guard(() => redis.xdel(key, ...own));
    },
  };
}
