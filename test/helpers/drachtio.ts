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
  secret: string;
  /** Everything drachtio printed (SIP messages included at loglevel info). */
  output(): string;
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

export async function startDrachtio(bin: string, opts: { loglevel?: 'info' | 'notice' | 'warning' | 'error' } = {}): Promise<DrachtioServer> {
  const dir = mkdtempSync(join(tmpdir(), 'masq-drachtio-'));
  const conf = join(dir, 'drachtio.conf.xml');
  writeFileSync(conf, '<drachtio><admin/></drachtio>\n');
  const [adminPort, sipPort] = [await freePort(), await freePort()];
  const secret = 'masq-e2e';
  const chunks: string[] = [];
  const proc: ChildProcess = spawn(
    bin,
    ['-f', conf, '--noconfig', '--contact', `sip:127.0.0.1:${sipPort};transport=udp,tcp`, '--address', '127.0.0.1', '--port', String(adminPort), '--secret', secret, '--loglevel', opts.loglevel ?? 'info'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  proc.stdout?.on('data', (d: Buffer) => chunks.push(d.toString()));
  proc.stderr?.on('data', (d: Buffer) => chunks.push(d.toString()));
  await waitPort(adminPort, 5000);
  return {
    adminPort,
    sipPort,
    secret,
    output: () => chunks.join(''),
    stop: () =>
      new Promise((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (proc.exitCode !== null || proc.signalCode !== null) return done();
        proc.once('exit', done);
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 3000).unref();
      }),
  };
}
