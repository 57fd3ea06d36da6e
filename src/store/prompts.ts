/**
 * Prompts: WAV audio kept in Redis (≤ 5 MB each), so every Masq instance can
 * write its own copy next to its media server without a shared filesystem.
 * References from pools and sessions are tracked so a prompt in use cannot be
 * deleted; a session's reference lapses when the session is no longer open.
 */
import { createHash } from 'node:crypto';
import { PromptInUse, PromptNotFound, ValidationFailed } from '../errors.js';
import type { Announcements } from '../masking/types.js';
import { guard, type StoreContext } from './context.js';

/** A prompt as listed (the audio is fetched separately). */
export interface Prompt {
  id: string;
  name: string;
  sampleRate: number;
  durationMs: number;
  bytes: number;
  /** First 16 hex digits of the audio's SHA-256: changes whenever the audio is replaced. */
  version: string;
  createdAt: number;
  /** Shipped with Masq (restored at start when missing; may be replaced). */
  builtIn: boolean;
}

/** What an upload adds to the audio. */
export interface PromptUpload {
  name: string;
  sampleRate: number;
  durationMs: number;
  builtIn?: boolean;
}

export type PromptUser = { kind: 'pool'; id: string } | { kind: 'session'; id: string };

const refMember = (u: PromptUser): string => `${u.kind === 'pool' ? 'p' : 's'}:${u.id}`;

function fromHash(h: Record<string, string>): Prompt {
  return {
    id: h.id ?? '',
    name: h.name ?? '',
    sampleRate: Number(h.rate),
    durationMs: Number(h.ms),
    bytes: Number(h.bytes),
    version: h.sha ?? '',
    createdAt: Number(h.ca),
    builtIn: h.builtin === '1',
  };
}

/** Prompt audio and metadata, with who refers to each. */
export class PromptStore {
  constructor(private readonly ctx: StoreContext) {}

  /** Creates or replaces a prompt. */
  async put(id: string, audio: Buffer, upload: PromptUpload): Promise<Prompt> {
    const { redis, keys } = this.ctx;
    const prompt: Prompt = {
      id,
      name: upload.name,
      sampleRate: upload.sampleRate,
      durationMs: upload.durationMs,
      bytes: audio.length,
      version: createHash('sha256').update(audio).digest('hex').slice(0, 16),
      createdAt: Date.now(),
      builtIn: upload.builtIn ?? false,
    };
    await guard(() =>
      redis
        .multi()
        .set(keys.promptAudio(id), audio)
        .hset(keys.prompt(id), {
          id,
          name: prompt.name,
          rate: String(prompt.sampleRate),
          ms: String(prompt.durationMs),
          bytes: String(prompt.bytes),
          sha: prompt.version,
          ca: String(prompt.createdAt),
          builtin: prompt.builtIn ? '1' : '0',
        })
        .zadd(keys.prompts(), 0, id)
        .exec(),
    );
    return prompt;
  }

  /** The prompt, or undefined. */
  async get(id: string): Promise<Prompt | undefined> {
    const h = await guard(() => this.ctx.redis.hgetall(this.ctx.keys.prompt(id)));
    return h.id ? fromHash(h) : undefined;
  }

  /** The prompt, or PromptNotFound. */
  async require(id: string): Promise<Prompt> {
    const p = await this.get(id);
    if (!p) throw new PromptNotFound(id);
    return p;
  }

  /** Checks every prompt an announcements object names exists; 400 naming each missing one (`announcements.firstParty`). */
  async requireAnnouncements(a: Announcements | null | undefined, field = 'announcements'): Promise<void> {
    const named = Object.entries(a ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
    if (named.length === 0) return;
    const { redis, keys } = this.ctx;
    const found = await guard(() => Promise.all(named.map(([, id]) => redis.exists(keys.prompt(id)))));
    const missing = named.filter((_, i) => found[i] === 0).map(([k, id]) => ({ field: `${field}.${k}`, message: `no prompt ${id} (upload it with POST /v1/prompts)` }));
    if (missing.length) throw new ValidationFailed(missing);
  }

  /** The audio bytes, or undefined. */
  async audio(id: string): Promise<Buffer | undefined> {
    const b = await guard(() => this.ctx.redis.getBuffer(this.ctx.keys.promptAudio(id)));
    return b ?? undefined;
  }

  /** A page of prompts in id order. */
  async list(limit: number, cursor?: string): Promise<{ items: Prompt[]; nextCursor: string | null }> {
    const { redis, keys } = this.ctx;
    const ids = await guard(() => redis.zrangebylex(keys.prompts(), cursor ? `(${cursor}` : '-', '+', 'LIMIT', 0, limit + 1));
    const page = ids.slice(0, limit);
    const hashes = await guard(() => Promise.all(page.map((id) => redis.hgetall(keys.prompt(id)))));
    const items = hashes.filter((h) => h.id).map(fromHash);
    return { items, nextCursor: ids.length > limit ? (page[page.length - 1] ?? null) : null };
  }

  /** Records that a pool or session names these prompts. */
  async addUser(ids: readonly string[], user: PromptUser): Promise<void> {
    if (ids.length === 0) return;
    const { redis, keys } = this.ctx;
    const m = redis.multi();
    for (const id of ids) m.sadd(keys.promptRefs(id), refMember(user));
    await guard(() => m.exec());
  }

  /** Records that a pool or session no longer names these prompts. */
  async removeUser(ids: readonly string[], user: PromptUser): Promise<void> {
    if (ids.length === 0) return;
    const { redis, keys } = this.ctx;
    const m = redis.multi();
    for (const id of ids) m.srem(keys.promptRefs(id), refMember(user));
    await guard(() => m.exec());
  }

  /** Moves a user's references from the prompts its old announcements named to those its new ones name. */
  async retarget(before: Announcements | undefined, after: Announcements | undefined, user: PromptUser): Promise<void> {
    const now = promptIdsOf(after);
    await this.addUser(now, user);
    await this.removeUser(promptIdsOf(before).filter((id) => !now.includes(id)), user);
  }

  /**
   * Deletes a prompt unless a pool or an open session names it (PromptInUse).
   * References of sessions no longer open are dropped on the way.
   */
  async delete(id: string): Promise<void> {
    const { redis, keys } = this.ctx;
    await this.require(id);
    const members = await guard(() => redis.smembers(keys.promptRefs(id)));
    const users: string[] = [];
    const lapsed: string[] = [];
    for (const m of members) {
      if (m.startsWith('p:')) {
        if ((await guard(() => redis.exists(keys.pool(m.slice(2))))) === 1) users.push(`pool ${m.slice(2)}`);
        else lapsed.push(m);
      } else {
        const status = await guard(() => redis.hget(keys.session(m.slice(2)), 'st'));
        if (status === 'open') users.push(`session ${m.slice(2)}`);
        else lapsed.push(m);
      }
    }
    if (lapsed.length) await guard(() => redis.srem(keys.promptRefs(id), ...lapsed));
    if (users.length) throw new PromptInUse(id, users.slice(0, 5));
    await guard(() => redis.multi().del(keys.prompt(id), keys.promptAudio(id), keys.promptRefs(id)).zrem(keys.prompts(), id).exec());
  }
}

/** The distinct prompt ids an announcements object names. */
export function promptIdsOf(a: Announcements | null | undefined): string[] {
  return [...new Set(Object.values(a ?? {}).filter((v): v is string => typeof v === 'string'))];
}
