/**
 * `masq`: the operator's command line. A separate program that talks to a
 * running Masq over its HTTP API only. Its settings come from flags or from the
 * environment its entry (bin.ts) hands over: MASQ_API_URL, MASQ_API_KEY.
 */
import { Command, CommanderError } from 'commander';
import { ApiClient, CliError } from './client.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import { createOutput, type Output } from './output.js';
import { positiveInt } from './commands/parse.js';
import { poolsCommand } from './commands/pools.js';
import { numbersCommand } from './commands/numbers.js';
import { sessionsCommand } from './commands/sessions.js';
import { callsCommand } from './commands/calls.js';
import { eventsCommand } from './commands/events.js';
import { webhooksCommand } from './commands/webhooks.js';
import { healthCommand } from './commands/health.js';

interface GlobalOptions {
  url: string;
  key?: string;
  json: boolean;
  timeout: number;
}

/**
 * Builds the program. `env` is the CLI's own environment (tests pass theirs).
 *
 * @example await buildProgram(process.env).parseAsync(process.argv)
 */
export function buildProgram(env: Record<string, string | undefined>, setExit: (code: number) => void): Command {
  const program = new Command('masq')
    .description('Operate a Masq number-masking service through its API')
    .option('--url <url>', 'API base URL (env MASQ_API_URL)', env.MASQ_API_URL ?? 'http://127.0.0.1:8080')
    // No default shown: help output must not print the key from the environment.
    .option('--key <key>', 'API key (env MASQ_API_KEY)')
    .option('--json', 'machine-readable output on stdout', false)
    .option('--timeout <ms>', 'per-request timeout', positiveInt('--timeout'), 30_000)
    .showHelpAfterError('(masq --help lists the commands)')
    .exitOverride();
  let api: ApiClient | undefined;
  let out: Output | undefined;
  const ctx: CliContext = {
    api: () => {
      const o = program.opts<GlobalOptions>();
      api ??= new ApiClient({ baseUrl: o.url, key: o.key ?? env.MASQ_API_KEY, timeoutMs: o.timeout });
      return api;
    },
    out: () => (out ??= createOutput(program.opts<GlobalOptions>().json)),
  };
  poolsCommand(program, ctx);
  numbersCommand(program, ctx, setExit);
  sessionsCommand(program, ctx);
  callsCommand(program, ctx);
  eventsCommand(program, ctx);
  webhooksCommand(program, ctx);
  healthCommand(program, ctx, setExit);
  // Sub-commands exit through the same override, so usage errors everywhere are exit 2.
  const override = (cmd: Command) => {
    cmd.exitOverride();
    cmd.commands.forEach(override);
  };
  override(program);
  return program;
}

/** Runs the CLI on `argv` and returns the exit code (never throws). */
export async function runCli(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(env, (c) => (code = c));
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof CliError) {
      if (json) process.stdout.write(`${JSON.stringify({ error: { message: err.message, exitCode: err.exitCode, status: err.status ?? null, code: err.apiCode ?? null, details: err.details ?? null } })}\n`);
      process.stderr.write(`masq: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`masq: unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.internal;
  }
}
