/**
 * Loads the Lua scripts in `lua/`, each prefixed with the generated key functions,
 * the event-code table and `lib.lua`, and runs them by SHA (falling back to EVAL after a Redis restart
 * flushed the script cache).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { luaKeyPrelude } from './keys.js';
import { luaEventCodes } from '../events/event-types.js';

const SCRIPT_NAMES = [
  'create_session',
  'finish_session',
  'update_session',
  'resolve',
  'sweep',
  'pool_create',
  'pool_delete',
  'numbers_add',
  'number_update',
  'number_delete',
  'call_write',
  'route_call',
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

/** One compiled script; `run` passes the prefix as ARGV[1]. */
export class LuaScript {
  readonly sha: string;
  constructor(
    readonly name: ScriptName,
    readonly source: string,
  ) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Runs the script with ARGV = [prefix, ...args]. */
  async run(redis: Redis, prefix: string, args: readonly ScriptArg[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, 0, prefix, ...args);
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('NOSCRIPT')) {
        return redis.eval(this.source, 0, prefix, ...args);
      }
      throw err;
    }
  }
}

export type Scripts = Readonly<Record<ScriptName, LuaScript>>;

const luaDir = fileURLToPath(new URL('./lua/', import.meta.url));

/** Reads and assembles every script once, at start-up. */
export function loadScripts(): Scripts {
  const prelude = `${luaKeyPrelude()}\n${luaEventCodes()}\n${readFileSync(`${luaDir}lib.lua`, 'utf8')}\n`;
  const out = {} as Record<ScriptName, LuaScript>;
  for (const name of SCRIPT_NAMES) {
    out[name] = new LuaScript(name, prelude + readFileSync(`${luaDir}${name}.lua`, 'utf8'));
  }
  return Object.freeze(out);
}
