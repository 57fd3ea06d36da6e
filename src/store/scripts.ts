/**
 * The Lua scripts in `lua/`, loaded into Redis as one function library (Redis 7
 * Functions): the generated key functions, the event-code table and `lib.lua` run
 * once when the library loads, and each script becomes one function of it. A
 * script called through EVALSHA would run that shared prelude (some 45 function
 * definitions) again on every call, ~2.3 µs each time.
 *
 * The library's name carries a hash of its text, so instances of different
 * versions sharing one Redis never replace each other's functions. When Redis has
 * lost the library (a restart without persistence, a FLUSHALL of functions), the
 * first call that misses loads it again and retries.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { luaKeyPrelude } from './keys.js';
import { luaEventCodes } from '../masking/event-types.js';

const SCRIPT_NAMES = [
  'create_session',
  'finish_session',
  'update_session',
  'resolve',
  'sweep',
  'pool_create',
  'pool_update',
  'pool_delete',
  'numbers_add',
  'number_update',
  'number_delete',
  'call_write',
  'call_sweep',
  'route_call',
  'request_call',
  'recording_settle',
  'wh_dispatch',
  'wh_claim',
  'wh_settle',
  'wh_dead_retry',
  'wh_stats',
  'events_chain',
] as const;

export type ScriptName = (typeof SCRIPT_NAMES)[number];
export type ScriptArg = string | number;

/** The library text; loaded on demand, at most once at a time per connection. */
class Library {
  private loading = new WeakMap<Redis, Promise<unknown>>();
  constructor(readonly code: string) {}

  load(redis: Redis): Promise<unknown> {
    let p = this.loading.get(redis);
    if (!p) {
      p = redis.call('FUNCTION', 'LOAD', 'REPLACE', this.code).finally(() => this.loading.delete(redis));
      this.loading.set(redis, p);
    }
    return p;
  }
}

const MISSING = /Function not found/i;

/** One script, a function of the library; `run` passes the prefix as ARGV[1]. */
export class LuaScript {
  constructor(
    readonly name: ScriptName,
    readonly fn: string,
    private readonly library: Library,
  ) {}

  /** Runs the script with ARGV = [prefix, ...args]. */
  async run(redis: Redis, prefix: string, args: readonly ScriptArg[]): Promise<unknown> {
    try {
      return await redis.call('FCALL', this.fn, 0, prefix, ...args);
    } catch (err) {
      if (!(err instanceof Error && MISSING.test(err.message))) throw err;
      await this.library.load(redis);
      return redis.call('FCALL', this.fn, 0, prefix, ...args);
    }
  }
}

export type Scripts = Readonly<Record<ScriptName, LuaScript>>;

const luaDir = fileURLToPath(new URL('./lua/', import.meta.url));

const built = new Map<number, Scripts>();

/**
 * The scripts, read and assembled once per process for each event retention
 * (every store with that retention shares them; it is part of the library's
 * text, so its name differs with it). Each script's body runs inside its
 * function with `ARGV` as the function's arguments; `PFX` (the key prefix,
 * ARGV[1]) is set on entry.
 */
export function loadScripts(opts: { eventRetentionMs: number }): Scripts {
  let scripts = built.get(opts.eventRetentionMs);
  if (!scripts) {
    scripts = assemble(opts.eventRetentionMs);
    built.set(opts.eventRetentionMs, scripts);
  }
  return scripts;
}

function assemble(eventRetentionMs: number): Scripts {
  const prelude = `${luaKeyPrelude({ eventRetentionMs })}\n${luaEventCodes()}\n${readFileSync(`${luaDir}lib.lua`, 'utf8')}\n`;
  const bodies = SCRIPT_NAMES.map((name) => [name, readFileSync(`${luaDir}${name}.lua`, 'utf8')] as const);
  const hash = createHash('sha1').update(prelude).update(bodies.map(([n, b]) => `${n}\n${b}`).join('\n')).digest('hex').slice(0, 12);
  const lib = `masq_${hash}`;
  const fn = (name: string) => `${lib}_${name}`;
  const code = [
    `#!lua name=${lib}`,
    prelude,
    ...bodies.map(([name, body]) => `redis.register_function('${fn(name)}', function(_, ARGV)\nPFX = ARGV[1]\n${body}\nend)`),
  ].join('\n');
  const library = new Library(code);
  const out = {} as Record<ScriptName, LuaScript>;
  for (const [name] of bodies) out[name] = new LuaScript(name, fn(name), library);
  return Object.freeze(out);
}
