/**
 * Runs Masq as an operator does (`tsx src/index.ts`, its own process, its own
 * environment) and collects what it prints, for tests of start-up and shutdown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TSX = `${ROOT}node_modules/.bin/tsx`;

export interface MasqProcess {
  readonly proc: ChildProcess;
  /** Every JSON log line so far. */
  lines(): Record<string, unknown>[];
  /** Everything printed, as is. */
  output(): string;
  /** Resolves with the first line `pred` accepts (waiting up to `ms`). */
  waitFor(pred: (line: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code once it has exited by itself. */
  readonly exited: Promise<number | null>;
  /** Sends `signal` and resolves with the exit code once it has exited (SIGKILL after `ms`). */
  stop(signal?: NodeJS.Signals, ms?: number): Promise<number | null>;
}

/**
 * Starts `<script>` (default: src/index.ts) with `env` over a clean environment (PATH
 * and HOME kept). One process, node with tsx as its loader: signals (SIGKILL too)
 * reach the program itself, not a wrapper that would leave it orphaned.
 */
export function spawnMasq(env: Record<string, string>, script = 'src/index.ts', args: string[] = []): MasqProcess {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    // Under test, overload shedding is off unless asked for: test files share two cores,
    // and a starved process must not be taken for an overloaded one.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...(process.env.VITEST ? { MASQ_OVERLOAD_LAG_MS: '0', MASQ_OVERLOAD_ACK_DELAY_MS: '0' } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return { unparsed: l };
        }
      });
  return {
    proc,
    exited,
    lines,
    output: () => out,
    async waitFor(pred, ms = 15_000) {
      const until = Date.now() + ms;
      for (;;) {
        const hit = lines().find(pred);
        if (hit) return hit;
        if (Date.now() > until || proc.exitCode !== null) throw new Error(`no such line in ${ms} ms; output:\n${out.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop(signal = 'SIGTERM', ms = 10_000) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      const timer = setTimeout(() => proc.kill('SIGKILL'), ms);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
