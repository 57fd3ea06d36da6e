/** `masq sessions create|get|list|close`. */
import type { Command } from 'commander';
import { allPages } from '../client.js';
import type { CliContext } from '../context.js';
import { positiveInt } from './parse.js';

interface Party {
  number: string;
  proxyNumber: string;
}
interface Session {
  id: string;
  status: string;
  poolId: string;
  mode: string;
  firstParty: Party;
  secondParty: Party;
  createdAt: string;
  expiresAt: string;
  clientReference?: string | null;
}

const columns = [
  { header: 'id', value: (s: Session) => s.id },
  { header: 'status', value: (s: Session) => s.status },
  { header: 'pool', value: (s: Session) => s.poolId },
  { header: 'first party', value: (s: Session) => `${s.firstParty.number} → ${s.firstParty.proxyNumber}` },
  { header: 'second party', value: (s: Session) => `${s.secondParty.number} → ${s.secondParty.proxyNumber}` },
  { header: 'expires', value: (s: Session) => s.expiresAt },
];

function describe(s: Session): string {
  return [
    `session ${s.id} (${s.status}, ${s.mode}, pool ${s.poolId})`,
    `  first party  ${s.firstParty.number} dials and sees ${s.firstParty.proxyNumber}`,
    `  second party ${s.secondParty.number} dials and sees ${s.secondParty.proxyNumber}`,
    `  created ${s.createdAt}, expires ${s.expiresAt}`,
  ].join('\n');
}

/** Registers `sessions`. */
export function sessionsCommand(program: Command, ctx: CliContext): void {
  const sessions = program.command('sessions').description('masking sessions');
  sessions
    .command('create')
    .description('create a session: two participants get virtual numbers from a pool')
    .requiredOption('-p, --pool <id>', 'pool to take the virtual number(s) from')
    .requiredOption('--first <number>', 'first participant (E.164)')
    .requiredOption('--second <number>', 'second participant (E.164)')
    .option('--ttl <seconds>', 'time to live', positiveInt('--ttl'))
    .option('--mode <mode>', 'shared | dedicated | per-participant')
    .option('--record', 'record the calls')
    .option('--callback-url <url>', 'where the events of this session go')
    .option('--client-reference <ref>', 'your own id for it')
    .action(async (o: { pool: string; first: string; second: string; ttl?: number; mode?: string; record?: boolean; callbackUrl?: string; clientReference?: string }) => {
      const body = {
        poolId: o.pool,
        firstParty: o.first,
        secondParty: o.second,
        ...(o.ttl !== undefined ? { ttlSeconds: o.ttl } : {}),
        ...(o.mode ? { mode: o.mode } : {}),
        ...(o.record ? { record: true } : {}),
        ...(o.callbackUrl ? { callbackUrl: o.callbackUrl } : {}),
        ...(o.clientReference ? { clientReference: o.clientReference } : {}),
      };
      const { body: s } = await ctx.api().request<Session>('POST', '/v1/sessions', { body });
      ctx.out().result(s, () => describe(s));
    });
  sessions
    .command('get <id>')
    .description('show a session')
    .action(async (id: string) => {
      const { body: s } = await ctx.api().request<Session>('GET', `/v1/sessions/${encodeURIComponent(id)}`);
      ctx.out().result(s, () => describe(s));
    });
  sessions
    .command('list')
    .description('list sessions, newest first')
    .option('-p, --pool <id>', 'only this pool')
    .option('--status <status>', 'open | closed | expired')
    .option('--participant <number>', 'only sessions with this participant')
    .option('--client-reference <ref>', 'only sessions with this reference')
    .option('-n, --limit <n>', 'at most this many', positiveInt('--limit'), 50)
    .action(async (o: { pool?: string; status?: string; participant?: string; clientReference?: string; limit: number }) => {
      const rows: Session[] = [];
      const query = { poolId: o.pool, status: o.status, participant: o.participant, clientReference: o.clientReference, limit: Math.min(o.limit, 200) };
      for await (const s of allPages<Session>(ctx.api(), '/v1/sessions', query, o.limit)) rows.push(s);
      ctx.out().table(rows, columns);
    });
  sessions
    .command('close <id>')
    .description('close a session (its numbers are free at once)')
    .action(async (id: string) => {
      const { body: s } = await ctx.api().request<Session>('DELETE', `/v1/sessions/${encodeURIComponent(id)}`);
      ctx.out().result(s, () => `session ${s.id} ${s.status}`);
    });
}
