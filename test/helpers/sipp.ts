/**
 * Runs sipp (Debian's sip-tester) scenarios from test/scenarios, bounded in calls
 * and time, with every message traced to a file the test can inspect.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCENARIOS = fileURLToPath(new URL('../scenarios/', import.meta.url));

export interface SippRun {
  /** Exit code: 0 = every call passed its scenario. */
  code: number;
  /** Every message sipp sent and received. */
  messages: string;
  /** sipp's own error output (for failure messages). */
  errors: string;
}

export interface SippOptions {
  scenario: string;
  /** Local port sipp binds (UAS listens here). */
  localPort: number;
  /** Local address (127.0.0.1 unless a test needs another source). */
  localIp?: string;
  /** Where a UAC sends: `127.0.0.1:port`. */
  remote?: string;
  /** Request-URI user for a UAC ([service]). */
  service?: string;
  /** Scenario variables: -key name value → [$name]... available as [name]. */
  keys?: Record<string, string>;
  calls?: number;
  timeoutS?: number;
  /** Concurrent call limit (-l). */
  limit?: number;
  /** Trace every message (default true; off under load). */
  trace?: boolean;
  /** Anything else (rate, injection file, statistics). */
  extraArgs?: string[];
}

/** Starts sipp; the promise settles when it exits (bounded by -timeout). */
export function runSipp(o: SippOptions): { done: Promise<SippRun>; pid: number | undefined } {
  const dir = mkdtempSync(join(tmpdir(), 'masq-sipp-'));
  const messageFile = join(dir, 'messages.log');
  const errorFile = join(dir, 'errors.log');
  const args = [
    '-sf', o.scenario.includes('/') ? o.scenario : join(SCENARIOS, o.scenario),
    '-i', o.localIp ?? '127.0.0.1',
    '-p', String(o.localPort),
    '-m', String(o.calls ?? 1),
    '-l', String(o.limit ?? 10),
    '-nostdin',
    '-timeout', `${o.timeoutS ?? 20}s`,
    '-timeout_error',
    ...(o.trace === false ? [] : ['-trace_msg', '-message_file', messageFile]),
    '-trace_err', '-error_file', errorFile,
    ...(o.extraArgs ?? []),
    ...(o.service ? ['-s', o.service] : []),
    ...Object.entries(o.keys ?? {}).flatMap(([k, v]) => ['-key', k, v]),
    ...(o.remote ? [o.remote] : []),
  ];
  const proc = spawn('sipp', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<SippRun>((resolve) => {
    proc.once('exit', (code) => {
      const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
      resolve({ code: code ?? -1, messages: read(messageFile), errors: stderr + read(errorFile) });
    });
  });
  return { done, pid: proc.pid };
}
