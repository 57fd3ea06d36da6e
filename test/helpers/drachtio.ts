/**
 * Starts a real drachtio-server on loopback with free ports, for e2e tests.
 * The binary comes from DRACHTIO_BIN or PATH; when there is none, the e2e
 * project skips (see test/e2e/setup.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

/** Path of the drachtio binary, or undefined. */
export function findDrachtio(): string | undefined {
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

function waitPort(port: number, ms: number): Promise<void> {
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
        if (Date.now() > until) reject(new Error(`drachtio admin port ${port} not listening`));
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
    await waitPort(adminPort, 5000);
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
