/**
 * Starts a real drachtio-server on loopback with free ports, for e2e tests.
 * The binary comes from DRACHTIO_BIN or PATH; when there is none, the e2e
 * project skips (see test/e2e/setup.ts).
 *
 * Or attaches to one that runs already (the compose test profile's), named by
 * MASQ_TEST_DRACHTIO=127.0.0.1:<admin port>:<secret>, with
 * MASQ_TEST_DRACHTIO_SIP_PORT (default 5060) and MASQ_TEST_DRACHTIO_WS_PORT.
 * The tests reach it, their sipp far ends and their phones on 127.0.0.1, so it
 * shares their network namespace; to kill it (the crash tests) the runner must
 * also see its process, and whatever supervises it (Docker's restart policy)
 * brings it back.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

/** A running drachtio-server to attach to, from MASQ_TEST_DRACHTIO*, or undefined. */
export function attachedDrachtio(): { adminPort: number; sipPort: number; wsPort: number | undefined; secret: string } | undefined {
  const named = process.env.MASQ_TEST_DRACHTIO;
  if (!named) return undefined;
  const m = /^(127\.0\.0\.1|localhost):(\d+):(.+)$/.exec(named);
  if (!m) throw new Error('MASQ_TEST_DRACHTIO must read 127.0.0.1:<admin port>:<secret> (the tests reach drachtio-server on loopback: share its network namespace)');
  const ws = process.env.MASQ_TEST_DRACHTIO_WS_PORT;
  return { adminPort: Number(m[2]), sipPort: Number(process.env.MASQ_TEST_DRACHTIO_SIP_PORT ?? 5060), wsPort: ws ? Number(ws) : undefined, secret: m[3] as string };
}

/** Path of the drachtio binary, `attached` when MASQ_TEST_DRACHTIO names a running server, or undefined. */
export function findDrachtio(): string | undefined {
  if (attachedDrachtio()) return 'attached';
  const fromEnv = process.env.DRACHTIO_BIN;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const which = spawnSync('sh', ['-c', 'command -v drachtio'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() || undefined : undefined;
}

export interface DrachtioServer {
  adminPort: number;
  sipPort: number;
  /** SIP over WebSocket (`ws://127.0.0.1:<wsPort>`, subprotocol `sip`), when asked for. */
  wsPort: number | undefined;
  secret: string;
  /** Everything drachtio printed (SIP messages included at loglevel info). */
  output(): string;
  /** The running process' PID (for CPU accounting in benchmarks). */
  pid(): number | undefined;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same ports. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function waitPort(port: number, ms: number, what = 'drachtio admin port'): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > until) reject(new Error(`${what} ${port} not listening`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export interface DrachtioOptions {
  loglevel?: 'info' | 'notice' | 'warning' | 'error';
  /** Also listen for SIP over WebSocket on a free port (for sip.js phones). */
  ws?: boolean;
  /** Given ports and secret instead of free ones and the test secret (npm run stack). */
  adminPort?: number;
  sipPort?: number;
  secret?: string;
}

/**
 * Starts drachtio-server: SIP on UDP and TCP on one free port, and on WebSocket
 * on another when `ws` is set.
 *
 * @example const d = await startDrachtio(bin, { ws: true }); // d.wsPort
 */
export async function startDrachtio(bin: string, opts: DrachtioOptions = {}): Promise<DrachtioServer> {
  const attached = attachedDrachtio();
  if (attached) return attach(attached, opts);
  const dir = mkdtempSync(join(tmpdir(), 'masq-drachtio-'));
  const conf = join(dir, 'drachtio.conf.xml');
  writeFileSync(conf, '<drachtio><admin/></drachtio>\n');
  const adminPort = opts.adminPort ?? (await freePort());
  const sipPort = opts.sipPort ?? (await freePort());
  const wsPort = opts.ws ? await freePort() : undefined;
  const secret = opts.secret ?? 'masq-e2e-admin-secret';
  const chunks: string[] = [];
  const ws = wsPort ? ['--contact', `sip:127.0.0.1:${wsPort};transport=ws`] : [];
  const args = ['-f', conf, '--noconfig', '--contact', `sip:127.0.0.1:${sipPort};transport=udp,tcp`, ...ws, '--address', '127.0.0.1', '--port', String(adminPort), '--secret', secret, '--loglevel', opts.loglevel ?? 'info'];
  let proc: ChildProcess | undefined;
  const launch = async () => {
    const p = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    p.stdout?.on('data', (d: Buffer) => chunks.push(d.toString()));
    p.stderr?.on('data', (d: Buffer) => chunks.push(d.toString()));
    proc = p;
    try {
      await waitPort(adminPort, 5000);
    } catch (err) {
      // Say why it did not come up, and leave nothing behind.
      const how = p.exitCode !== null ? `it exited with ${p.exitCode}` : p.signalCode ? `it ended on ${p.signalCode}` : 'it was still running; killed';
      await end('SIGKILL');
      throw new Error(`${(err as Error).message} (${how}); its output:\n${chunks.join('').slice(-2000)}`);
    }
  };
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const p = proc;
      proc = undefined;
      if (!p || p.exitCode !== null || p.signalCode !== null) return resolve();
      p.once('exit', () => resolve());
      p.kill(signal);
      setTimeout(() => p.kill('SIGKILL'), 3000).unref();
    });
  await launch();
  return {
    adminPort,
    sipPort,
    wsPort,
    secret,
    output: () => chunks.join(''),
    pid: () => proc?.pid,
    kill: () => end('SIGKILL'),
    restart: launch,
    stop: async () => {
      await end('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves once nothing listens on `port` any more (a killed server's sockets are gone). */
function waitClosed(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = connect(port, '127.0.0.1');
      s.once('error', () => {
        s.destroy();
        resolve();
      });
      s.once('connect', () => {
        s.destroy();
        if (Date.now() > until) reject(new Error(`port ${port} still answers`));
        else setTimeout(attempt, 20);
      });
    };
    attempt();
  });
}

/**
 * PID of the drachtio process listening on TCP `port` in this network
 * namespace, among the processes this one can see; undefined when none is.
 */
function drachtioOnPort(port: number): number | undefined {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const listening = new Set(
    ['/proc/net/tcp', '/proc/net/tcp6']
      .flatMap((f) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').slice(1) : []))
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f[1]?.endsWith(hex) && f[3] === '0A')
      .map((f) => `socket:[${f[9]}]`),
  );
  const read = (f: string, how: (f: string) => string) => {
    try {
      return how(f);
    } catch {
      return '';
    }
  };
  const pid = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d) && read(`/proc/${d}/comm`, (f) => readFileSync(f, 'utf8')).trim() === 'drachtio')
    .find((d) => read(`/proc/${d}/fd`, (f) => readdirSync(f).join(' ')).split(' ').some((fd) => listening.has(read(`/proc/${d}/fd/${fd}`, readlinkSync))));
  return pid ? Number(pid) : undefined;
}

/** The running server MASQ_TEST_DRACHTIO names: stop() leaves it running; kill() is SIGKILL by PID, restart() waits for it to be back. */
async function attach(a: NonNullable<ReturnType<typeof attachedDrachtio>>, opts: DrachtioOptions): Promise<DrachtioServer> {
  if (opts.ws && a.wsPort === undefined) throw new Error('this test needs drachtio-server on WebSocket: set MASQ_TEST_DRACHTIO_WS_PORT');
  await waitPort(a.adminPort, 30_000);
  return {
    ...a,
    output: () => '',
    pid: () => drachtioOnPort(a.adminPort),
    kill: async () => {
      const pid = drachtioOnPort(a.adminPort);
      if (!pid) throw new Error(`cannot kill the attached drachtio-server: no drachtio process visible listening on ${a.adminPort} (share its PID namespace)`);
      process.kill(pid, 'SIGKILL');
      await waitClosed(a.adminPort, 5000);
    },
    restart: () => waitPort(a.adminPort, 60_000, 'attached drachtio-server: admin port'),
    stop: async () => undefined,
  };
}
