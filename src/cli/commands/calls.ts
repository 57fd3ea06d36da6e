/** `masq calls list --session <id>` and `masq calls get <callId>`. */
import type { Command } from 'commander';
import { allPages } from '../client.js';
import type { CliContext } from '../context.js';
import { positiveInt } from './parse.js';

interface Call {
  id: string;
  sessionId: string | null;
  direction: string | null;
  virtualNumber: string;
  state: string;
  startedAt: string;
  durationSeconds: number;
  sipStatus?: number | null;
  hungUpBy?: string | null;
}

/** Registers `calls`. */
export function callsCommand(program: Command, ctx: CliContext): void {
  const calls = program.command('calls').description('call records');
  calls
    .command('list')
    .description("a session's calls, newest first")
    .requiredOption('-s, --session <id>', 'the session')
    .option('-n, --limit <n>', 'at most this many', positiveInt('--limit'), 100)
    .action(async (o: { session: string; limit: number }) => {
      const rows: Call[] = [];
      const path = `/v1/sessions/${encodeURIComponent(o.session)}/calls`;
      for await (const c of allPages<Call>(ctx.api(), path, { limit: Math.min(o.limit, 1000) }, o.limit)) rows.push(c);
      ctx.out().table(rows, [
        { header: 'id', value: (c) => c.id },
        { header: 'started', value: (c) => c.startedAt },
        { header: 'direction', value: (c) => c.direction },
        { header: 'state', value: (c) => c.state },
        { header: 'sip', value: (c) => c.sipStatus },
        { header: 'seconds', value: (c) => c.durationSeconds },
        { header: 'hung up by', value: (c) => c.hungUpBy },
      ]);
    });
  calls
    .command('get <callId>')
    .description('one call record')
    .action(async (id: string) => {
      const { body } = await ctx.api().request<Call>('GET', `/v1/calls/${encodeURIComponent(id)}`);
      ctx.out().result(body);
    });
}
