/**
 * Starts a real redis-server on a free loopback port for a test file, and ends
 * it (by its own PID) afterwards. Can be killed and restarted on the same port to
 * test outages.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './ports.js';

export interface RedisServer {
  readonly port: number;
  /** PID of the running redis-server (undefined while killed). */
  pid(): number | undefined;
  readonly url: string;
  /** A plain client for assertions on stored state. */
  client(): Redis;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** SIGTERM: redis-server writes what it must and exits. */
  shutdown(): Promise<void>;
  /** Starts it again on the same port (with the same data dir). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function waitExit(p: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve();
    p.once('exit', () => resolve());
  });
}

async function waitReady(port: number, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const c = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.ping();
      c.disconnect();
      return;
    } catch {
      c.disconnect();
      if (Date.now() > until) throw new Error(`redis-server on ${port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * @param opts.persistent AOF on (appendfsync always), so a restart keeps the data.
 * @param opts.port a given port instead of a free one (a dependency that comes up late).
 * @param opts.dir a data directory that outlives the server (default: a temporary one, removed by stop()).
 */
export async function startRedis(opts: { persistent?: boolean; port?: number; dir?: string } = {}): Promise<RedisServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'masq-redis-'));
  const port = opts.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--protected-mode', 'yes'];
  args.push(...(opts.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']));
  let proc: ChildProcess | undefined;
  const clients: Redis[] = [];

  async function launch(): Promise<void> {
    const p = spawn('redis-server', args, { stdio: 'ignore' });
    proc = p;
    await waitReady(port, 5000);
  }
  await launch();

  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    pid: () => proc?.pid,
    client() {
      const c = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 });
      c.on('error', () => undefined);
      clients.push(c);
      return c;
    },
    async kill() {
      if (!proc) return;
      const p = proc;
      proc = undefined;
      p.kill('SIGKILL');
      await waitExit(p);
    },
    async shutdown() {
      if (!proc) return;
      const p = proc;
      proc = undefined;
      p.kill('SIGTERM');
      const t = setTimeout(() => p.kill('SIGKILL'), 5000);
      await waitExit(p);
      clearTimeout(t);
    },
    restart: launch,
    async stop() {
      for (const c of clients) c.disconnect();
      await server.kill();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
