/** `masq health`: alive and ready? Exit 0 when ready, 8 when not (3 when nothing answers). */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface Readiness {
  status: string;
  failed?: string[];
  draining?: boolean;
  checks: Record<string, { status: string; error?: string }>;
}

/** Registers `health`. */
export function healthCommand(program: Command, ctx: CliContext, setExit: (code: number) => void): void {
  program
    .command('health')
    .description('is Masq alive and are its dependencies reachable (no key needed)')
    .action(async () => {
      const api = ctx.api();
      const alive = (await api.request<{ status: string; activeCalls: number }>('GET', '/healthz')).body;
      const ready = (await api.request<Readiness>('GET', '/readyz', { okStatuses: [503] })).body;
      const result = { alive: alive.status === 'ok', activeCalls: alive.activeCalls, ...ready };
      ctx.out().result(result, () =>
        [
          `${ready.status}${ready.draining ? ' (draining)' : ''}, ${alive.activeCalls} active calls`,
          ...Object.entries(ready.checks).map(([name, c]) => `  ${name.padEnd(8)} ${c.status}${c.error ? `: ${c.error}` : ''}`),
        ].join('\n'),
      );
      if (ready.status !== 'ready') setExit(EXIT.unavailable);
    });
}
