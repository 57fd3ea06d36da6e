/**
 * Starts Debian's rtpengine (userspace only, no kernel module) on loopback with a
 * free ng port and its own RTP port range, for media-anchoring tests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { freePort } from './ports.js';

/** Path of the rtpengine binary (RTPENGINE_BIN or PATH), or undefined. */
export function findRtpengine(): string | undefined {
  if (process.env.RTPENGINE_BIN) return process.env.RTPENGINE_BIN;
  const which = spawnSync('sh', ['-c', 'command -v rtpengine'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() || undefined : undefined;
}

export interface Rtpengine {
  ngPort: number;
  pid(): number | undefined;
  output(): string;
  stop(): Promise<void>;
}

let rangeStart = 32000 + (process.pid % 200) * 100;

/** `ports`: size of its RTP port range (four per call). */
export async function startRtpengine(bin: string, opts: { ports?: number } = {}): Promise<Rtpengine> {
  const [ngPort, cliPort] = [await freePort(), await freePort()];
  const size = opts.ports ?? 100;
  const min = opts.ports ? 20_000 : rangeStart;
  if (!opts.ports) rangeStart += 100;
  let out = '';
  const proc: ChildProcess = spawn(
    bin,
    // --config-file=none: the package's /etc config (fixed ports, kernel table) does not apply.
    ['--config-file=none', '--foreground', '--log-stderr', '--table=-1', '--interface=127.0.0.1', `--listen-ng=127.0.0.1:${ngPort}`, `--listen-cli=127.0.0.1:${cliPort}`, `--port-min=${min}`, `--port-max=${min + size - 1}`, '--log-level=5', '--delete-delay=0'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  // Ready once it answers an ng ping.
  const sock = createSocket('udp4');
  try {
    const until = Date.now() + 5000;
    for (;;) {
      const ok = await new Promise<boolean>((resolve) => {
        const t = setTimeout(() => resolve(false), 200);
        sock.once('message', () => {
          clearTimeout(t);
          resolve(true);
        });
        sock.send('ping d7:command4:pinge', ngPort, '127.0.0.1');
      });
      if (ok) break;
      if (Date.now() > until) throw new Error(`rtpengine did not answer on ${ngPort}:\n${out}`);
    }
  } finally {
    sock.close();
  }
  return {
    ngPort,
    pid: () => proc.pid,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 3000).unref();
      }),
  };
}
