/**
 * Pools of virtual numbers and the numbers in them.
 */
import { NumberInUse, NumberNotFound, PoolExists, PoolInUse, PoolNotFound } from '../errors.js';
import type { PhoneNumber } from '../masking/e164.js';
import type { Announcements, Page, Pool, PoolNumber } from '../masking/types.js';
import { guard, type StoreContext } from './context.js';
import type { ScriptArg, ScriptName } from './scripts.js';

export interface NumberEntry {
  phone: PhoneNumber;
  /** Overrides the region derived from the number (e.g. a city name outside NANP). */
  region?: string;
  capabilities: string[];
}

/** Numbers per script call when adding: bounds how long one call holds Redis. */
const ADD_CHUNK = 1000;
const DELETE_CHUNK = 1000;

function decodeNumber(h: Record<string, string>, number: string): PoolNumber | undefined {
  if (!h.pool) return undefined;
  return {
    number,
    poolId: h.pool,
    country: h.cc ?? '',
    region: h.rg ?? '',
    capabilities: h.caps ? h.caps.split(',') : [],
    healthy: h.ok === '1',
    cooloffUntil: h.cool && Number(h.cool) > Date.now() ? Number(h.cool) : null,
    bindings: Number(h.load ?? 0),
    dedicatedSessionId: h.ded || null,
    draining: h.drain === '1',
    createdAt: Number(h.ca),
  };
}

/** Pools and their numbers in Redis. */
export class PoolStore {
  constructor(private readonly ctx: StoreContext) {}

  private run(name: ScriptName, args: ScriptArg[]): Promise<unknown> {
    return guard(() => this.ctx.scripts[name].run(this.ctx.redis, this.ctx.prefix, args));
  }

  /** Creates a pool; 409 pool_exists when the id is taken. */
  async create(id: string, description: string): Promise<Pool> {
    if ((await this.run('pool_create', [id, description])) === 'exists') throw new PoolExists(id);
    return this.require(id);
  }

  /** Changes a pool's description and/or announcements (null removes them); 404 when it does not exist. */
  async update(id: string, change: { description?: string; announcements?: Announcements | null }): Promise<Pool> {
    const an = change.announcements === undefined ? '' : change.announcements === null || Object.keys(change.announcements).length === 0 ? '-' : JSON.stringify(change.announcements);
    const desc = change.description === undefined ? '' : `=${change.description}`;
    if ((await this.run('pool_update', [id, desc, an])) === 'pool_not_found') throw new PoolNotFound(id);
    return this.require(id);
  }

  /** The pool a virtual number belongs to, or undefined. */
  async poolOfNumber(number: string): Promise<string | undefined> {
    return (await guard(() => this.ctx.redis.hget(this.ctx.keys.number(number), 'pool'))) ?? undefined;
  }

  /** Only the pool's announcements (one field read: on the call path). */
  async announcements(id: string): Promise<Announcements | undefined> {
    const an = await guard(() => this.ctx.redis.hget(this.ctx.keys.pool(id), 'an'));
    return an ? (JSON.parse(an) as Announcements) : undefined;
  }

  /** Reads a pool with its counts, or undefined. */
  async get(id: string): Promise<Pool | undefined> {
    const { redis, keys } = this.ctx;
    const [h, available] = await guard(() =>
      Promise.all([redis.hgetall(keys.pool(id)), redis.zcard(keys.poolEligible(id, '*'))]),
    );
    if (!h.id || h.state === 'deleting') return undefined;
    return {
      id: h.id,
      description: h.desc ?? '',
      ...(h.an ? { announcements: JSON.parse(h.an) as Announcements } : {}),
      createdAt: Number(h.ca),
      counts: {
        numbers: Number(h.nums ?? 0),
        healthy: Number(h.healthy ?? 0),
        inUse: Number(h.used ?? 0),
        available,
        openSessions: Number(h.open ?? 0),
      },
    };
  }

  /** Reads a pool or throws 404. */
  async require(id: string): Promise<Pool> {
    const p = await this.get(id);
    if (!p) throw new PoolNotFound(id);
    return p;
  }

  /** Lists pools by id. */
  async list(limit: number, cursor: string | undefined): Promise<Page<Pool>> {
    const { redis, keys } = this.ctx;
    const ids = await guard(() =>
      redis.zrange(keys.pools(), cursor ? `(${cursor}` : '-', '+', 'BYLEX', 'LIMIT', 0, limit + 1),
    );
    const page = ids.slice(0, limit);
    const pools = (await Promise.all(page.map((id) => this.get(id)))).filter((p): p is Pool => p !== undefined);
    return { items: pools, nextCursor: ids.length > limit ? (page[page.length - 1] ?? null) : null };
  }

  /** The first `max` pools by id, with their counts (for a metrics scrape). */
  async listAll(max: number): Promise<Pool[]> {
    const out: Pool[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.list(Math.min(200, max - out.length), cursor);
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && out.length < max);
    return out;
  }

  /** Deletes a pool and its numbers; 409 while it has open sessions. */
  async delete(id: string): Promise<void> {
    for (;;) {
      const r = (await this.run('pool_delete', [id, DELETE_CHUNK])) as [string, number?];
      if (r[0] === 'deleted') return;
      if (r[0] === 'pool_not_found') throw new PoolNotFound(id);
      if (r[0] === 'in_use') throw new PoolInUse(id, Number(r[1]));
    }
  }

  /**
   * Adds numbers in chunks (each chunk atomic). Re-adding is harmless: numbers
   * already in a pool count as duplicates, so a failed request can be retried.
   */
  async addNumbers(poolId: string, entries: NumberEntry[]): Promise<{ added: number; duplicates: number }> {
    await this.require(poolId);
    let added = 0;
    let duplicates = 0;
    for (let i = 0; i < entries.length; i += ADD_CHUNK) {
      const args = entries
        .slice(i, i + ADD_CHUNK)
        .flatMap((e) => [e.phone.e164, e.phone.country, e.region ?? e.phone.region, e.capabilities.join(',')]);
      const r = (await this.run('numbers_add', [poolId, ...args])) as [string, number, number];
      if (r[0] !== 'ok') throw new PoolNotFound(poolId);
      added += Number(r[1]);
      duplicates += Number(r[2]);
    }
    return { added, duplicates };
  }

  /** Reads one number of a pool. */
  async getNumber(poolId: string, number: string): Promise<PoolNumber> {
    const h = await guard(() => this.ctx.redis.hgetall(this.ctx.keys.number(number)));
    const n = decodeNumber(h, number);
    if (!n || n.poolId !== poolId) throw new NumberNotFound('number');
    return n;
  }

  /** Whether `e164` is a virtual number in any pool. */
  async isVirtualNumber(e164: string): Promise<boolean> {
    return (await guard(() => this.ctx.redis.exists(this.ctx.keys.number(e164)))) === 1;
  }

  /** Lists a pool's numbers in E.164 order. */
  async listNumbers(poolId: string, limit: number, cursor: string | undefined): Promise<Page<PoolNumber>> {
    await this.require(poolId);
    const { redis, keys } = this.ctx;
    const ids = await guard(() =>
      redis.zrange(keys.poolNumbers(poolId), cursor ? `(${cursor}` : '-', '+', 'BYLEX', 'LIMIT', 0, limit + 1),
    );
    const page = ids.slice(0, limit);
    const hashes = await guard(() => Promise.all(page.map((n) => redis.hgetall(keys.number(n)))));
    const items = hashes
      .map((h, i) => decodeNumber(h, page[i] as string))
      .filter((n): n is PoolNumber => n !== undefined);
    return { items, nextCursor: ids.length > limit ? (page[page.length - 1] ?? null) : null };
  }

  /** Marks a number healthy/unhealthy and sets or clears its cool-off. */
  async updateNumber(
    poolId: string,
    number: string,
    change: { healthy?: boolean; cooloffUntil?: number | null },
  ): Promise<PoolNumber> {
    const healthy = change.healthy === undefined ? '' : change.healthy ? '1' : '0';
    const cool = change.cooloffUntil === undefined ? '' : change.cooloffUntil === null ? 0 : change.cooloffUntil;
    if ((await this.run('number_update', [poolId, number, healthy, cool])) !== 'ok') {
      throw new NumberNotFound('number');
    }
    return this.getNumber(poolId, number);
  }

  /** Deletes a number; a bound one is refused unless drained (then deleted when its last session ends). */
  async deleteNumber(poolId: string, number: string, drain: boolean): Promise<{ status: 'deleted' | 'draining'; bindings: number }> {
    const r = (await this.run('number_delete', [poolId, number, drain ? '1' : '0'])) as [string, number?];
    if (r[0] === 'number_not_found') throw new NumberNotFound('number');
    if (r[0] === 'in_use') throw new NumberInUse(Number(r[1]));
    return { status: r[0] === 'deleted' ? 'deleted' : 'draining', bindings: Number(r[1] ?? 0) };
  }
}
