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
import { redisTlsArgs, type TestCerts } from './tls-certs.js';

export interface RedisServer {
  readonly port: number;
  /** The TLS port beside the plain one, when started with `tls`. */
  readonly tlsPort: number | undefined;
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

/** Waits until a redis-server (or sentinel) on `port` answers PING. */
export async function waitReady(port: number, deadlineMs: number, password?: string): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const c = new Redis({ port, host: '127.0.0.1', ...(password ? { password } : {}), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
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

export interface StartRedisOptions {
  /** AOF on, so a restart keeps the data. */
  persistent?: boolean;
  /** The AOF's fsync policy when persistent (default `always`). */
  appendfsync?: 'always' | 'everysec';
  /** A given port instead of a free one (a dependency that comes up late). */
  port?: number;
  /** A data directory that outlives the server (default: a temporary one, removed by stop()). */
  dir?: string;
  /** requirepass, and masterauth for a replica; client() and the readiness check use it. */
  password?: string;
  /** More redis-server arguments, e.g. `['--replicaof', '127.0.0.1', '6379']`. */
  args?: readonly string[];
  /** Also listen with TLS on a free port (and replicate over TLS); the plain port stays for the test's own clients. */
  tls?: TestCerts;
}

/** Starts a redis-server (see StartRedisOptions). */
export async function startRedis(opts: StartRedisOptions = {}): Promise<RedisServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'masq-redis-'));
  const port = opts.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--protected-mode', 'yes'];
  args.push(...(opts.persistent ? ['--appendonly', 'yes', '--appendfsync', opts.appendfsync ?? 'always'] : ['--appendonly', 'no']));
  if (opts.password) args.push('--requirepass', opts.password, '--masterauth', opts.password);
  const tlsPort = opts.tls ? await freePort() : undefined;
  if (opts.tls && tlsPort) args.push(...redisTlsArgs(opts.tls, tlsPort));
  args.push(...(opts.args ?? []));
  const auth = opts.password ? { password: opts.password } : {};
  let proc: ChildProcess | undefined;
  const clients: Redis[] = [];

  async function launch(): Promise<void> {
    const p = spawn('redis-server', args, { stdio: 'ignore' });
    proc = p;
    await waitReady(port, 5000, opts.password);
  }
  await launch();

  const server: RedisServer = {
    port,
    tlsPort,
    url: opts.password ? `redis://:${encodeURIComponent(opts.password)}@127.0.0.1:${port}` : `redis://127.0.0.1:${port}`,
    pid: () => proc?.pid,
    client() {
      const c = new Redis({ port, host: '127.0.0.1', ...auth, maxRetriesPerRequest: 1 });
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
