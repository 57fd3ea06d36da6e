/**
 * Settings of `npm run stack`, a development tool with its own environment
 * (the server's settings stay with src/config.ts): where its data lives and
 * which loopback ports it takes. A port left unset is 8080 / 5060 when free for
 * the API / SIP, else any free port.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from '../../test/helpers/ports.js';

/** Where the stack keeps its data, the ports it takes, its API key and the config file it loads. */
export interface StackSettings {
  root: string;
  dir: string;
  httpPort: number;
  redisPort: number;
  sipPort: number;
  drachtioAdminPort: number;
  apiKey: string;
  configFile: string;
}

async function tcpFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = createServer();
    s.once('error', () => done(false));
    s.listen(port, '127.0.0.1', () => s.close(() => done(true)));
  });
}

async function portOf(env: Record<string, string | undefined>, name: string, preferred?: number): Promise<number> {
  const raw = env[name];
  if (raw) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number, not '${raw}'`);
    return n;
  }
  if (preferred && (await tcpFree(preferred))) return preferred;
  return freePort();
}

/** A key kept in the stack's data dir, so it stays the same from one start to the next. */
function apiKey(dir: string): string {
  const file = join(dir, 'api-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = `dev-${randomBytes(16).toString('hex')}`;
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** Reads the stack's own environment (MASQ_STACK_*). */
export async function stackSettings(root: string, env: Record<string, string | undefined>): Promise<StackSettings> {
  const dir = resolve(root, env.MASQ_STACK_DIR ?? 'data/stack');
  mkdirSync(join(dir, 'redis'), { recursive: true });
  return {
    root,
    dir,
    httpPort: await portOf(env, 'MASQ_STACK_HTTP_PORT', 8080),
    redisPort: await portOf(env, 'MASQ_STACK_REDIS_PORT'),
    sipPort: await portOf(env, 'MASQ_STACK_SIP_PORT', 5060),
    drachtioAdminPort: await portOf(env, 'MASQ_STACK_DRACHTIO_PORT'),
    apiKey: apiKey(dir),
    configFile: resolve(root, env.MASQ_STACK_CONFIG ?? 'config/masq.example.json'),
  };
}
