/** `masq pools create|list|delete`. */
import type { Command } from 'commander';
import { allPages } from '../client.js';
import type { CliContext } from '../context.js';

interface Pool {
  id: string;
  description: string;
  createdAt: string;
  counts: { numbers: number; healthy: number; inUse: number; available: number; openSessions: number };
}

/** Registers `pools`. */
export function poolsCommand(program: Command, ctx: CliContext): void {
  const pools = program.command('pools').description('number pools');
  pools
    .command('create <id>')
    .description('create a pool')
    .option('-d, --description <text>', 'what the pool is for')
    .action(async (id: string, o: { description?: string }) => {
      const { body } = await ctx.api().request<Pool>('POST', '/v1/pools', { body: { id, ...(o.description ? { description: o.description } : {}) } });
      ctx.out().result(body, () => `pool ${body.id} created`);
    });
  pools
    .command('list')
    .description('list pools with their counts')
    .action(async () => {
      const rows: Pool[] = [];
      for await (const p of allPages<Pool>(ctx.api(), '/v1/pools', { limit: 1000 })) rows.push(p);
      ctx.out().table(rows, [
        { header: 'id', value: (p) => p.id },
        { header: 'numbers', value: (p) => p.counts.numbers },
        { header: 'healthy', value: (p) => p.counts.healthy },
        { header: 'in use', value: (p) => p.counts.inUse },
        { header: 'available', value: (p) => p.counts.available },
        { header: 'open sessions', value: (p) => p.counts.openSessions },
        { header: 'description', value: (p) => p.description },
      ]);
    });
  pools
    .command('delete <id>')
    .description('delete a pool and its numbers (refused while sessions are open)')
    .action(async (id: string) => {
      await ctx.api().request('DELETE', `/v1/pools/${encodeURIComponent(id)}`);
      ctx.out().result({ id, deleted: true }, () => `pool ${id} deleted`);
    });
}
