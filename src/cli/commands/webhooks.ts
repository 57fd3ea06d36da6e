/** `masq webhooks dead list|retry`. */
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { CliError } from '../client.js';
import { EXIT } from '../exit-codes.js';

interface DeadLetter {
  eventId: string;
  sessionId: string;
  attempts: number;
  lastError: string;
  deadAt: string;
  event: { type?: string } | null;
}

/** Registers `webhooks`. */
export function webhooksCommand(program: Command, ctx: CliContext): void {
  const webhooks = program.command('webhooks').description('webhook deliveries');
  const dead = webhooks.command('dead').description('events given up after the maximum retry age');
  const list = async () => (await ctx.api().request<{ items: DeadLetter[] }>('GET', '/v1/webhooks/dead', { query: { limit: 500 } })).body.items;
  dead
    .command('list')
    .description('list dead letters, newest first')
    .action(async () => {
      ctx.out().table(await list(), [
        { header: 'event', value: (d) => d.eventId },
        { header: 'type', value: (d) => d.event?.type },
        { header: 'session', value: (d) => d.sessionId },
        { header: 'attempts', value: (d) => d.attempts },
        { header: 'dead at', value: (d) => d.deadAt },
        { header: 'last error', value: (d) => d.lastError },
      ]);
    });
  dead
    .command('retry [eventIds...]')
    .description('queue dead letters for delivery again')
    .option('--all', 'every dead letter')
    .action(async (ids: string[], o: { all?: boolean }) => {
      if (o.all && ids.length) throw new CliError('give event ids or --all, not both', EXIT.usage);
      if (!o.all && ids.length === 0) throw new CliError('give event ids, or --all', EXIT.usage);
      const targets = o.all ? (await list()).map((d) => d.eventId) : ids;
      for (const id of targets) await ctx.api().request('POST', `/v1/webhooks/dead/${encodeURIComponent(id)}/retry`);
      ctx.out().result({ queued: targets }, () => `${targets.length} queued again`);
    });
}
