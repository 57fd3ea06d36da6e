/** `masq calls list [--session <id>] [filters]` and `masq calls get <callId>`. */
import type { Command } from 'commander';
import { allPages } from '../client.js';
import type { CliContext } from '../context.js';
import { positiveInt, timeOption } from './parse.js';

interface Call {
  id: string;
  sessionId: string | null;
  direction: string | null;
  virtualNumber: string;
  state: string;
  outcome: string;
  startedAt: string;
  durationSeconds: number;
  sipStatus?: number | null;
  hungUpBy?: string | null;
  endReason?: string | null;
}

interface ListOptions {
  session?: string;
  outcome?: string;
  direction?: string;
  since?: string;
  until?: string;
  limit: number;
}

/** Registers `calls`. */
export function callsCommand(program: Command, ctx: CliContext): void {
  const calls = program.command('calls').description('call records');
  calls
    .command('list')
    .description('recent calls across sessions (or one session\'s), newest first')
    .option('-s, --session <id>', "only this session's calls")
    .option('-o, --outcome <outcome>', 'in-progress | completed | canceled | rejected | busy | no-answer | failed')
    .option('-d, --direction <direction>', 'first-to-second | second-to-first | out-of-session | request-a-call')
    .option('--since <time>', 'started at or after: a date and time, or how long ago (15m, 2h, 7d)', timeOption('--since'))
    .option('--until <time>', 'started at or before: a date and time, or how long ago', timeOption('--until'))
    .option('-n, --limit <n>', 'at most this many', positiveInt('--limit'), 100)
    .action(async (o: ListOptions) => {
      const query = {
        sessionId: o.session,
        outcome: o.outcome,
        direction: o.direction,
        since: o.since,
        until: o.until,
        limit: Math.min(o.limit, 200),
      };
      const rows: Call[] = [];
      for await (const c of allPages<Call>(ctx.api(), '/v1/calls', query, o.limit)) rows.push(c);
      ctx.out().table(rows, [
        { header: 'id', value: (c) => c.id },
        { header: 'started', value: (c) => c.startedAt },
        { header: 'session', value: (c) => c.sessionId },
        { header: 'direction', value: (c) => c.direction },
        { header: 'outcome', value: (c) => c.outcome },
        { header: 'sip', value: (c) => c.sipStatus },
        { header: 'seconds', value: (c) => c.durationSeconds },
        { header: 'reason', value: (c) => c.endReason },
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
