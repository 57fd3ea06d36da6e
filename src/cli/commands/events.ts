/**
 * `masq events tail`: the latest events, then each new one as it is logged
 * (polling GET /v1/events, which lists newest first by ordered id).
 */
import type { Command } from 'commander';
import type { ApiClient, Page } from '../client.js';
import type { CliContext } from '../context.js';
import { positiveInt } from './parse.js';

interface EventItem {
  id: string;
  type: string;
  occurredAt: string;
  sessionId: string;
  call?: Record<string, unknown>;
}

/** Orders stream ids (`<ms>-<seq>`) numerically. */
export function compareEventIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
}

/** Events newer than `after`, oldest first (walking back through pages as far as needed). */
async function newerThan(api: ApiClient, after: string | undefined, sessionId: string | undefined, firstLimit: number): Promise<EventItem[]> {
  const found: EventItem[] = [];
  let cursor: string | undefined;
  for (;;) {
    const limit = after ? 200 : firstLimit;
    const { body } = await api.request<Page<EventItem>>('GET', '/v1/events', { query: { limit, sessionId, cursor } });
    for (const e of body.items) {
      if (after && compareEventIds(e.id, after) <= 0) return found.reverse();
      found.push(e);
    }
    if (!after || !body.nextCursor) return found.reverse();
    cursor = body.nextCursor;
  }
}

/** Registers `events`. */
export function eventsCommand(program: Command, ctx: CliContext): void {
  const events = program.command('events').description('the event log');
  events
    .command('tail')
    .description('print the latest events, then follow new ones (Ctrl-C stops)')
    .option('-s, --session <id>', 'only this session')
    .option('-n, --lines <n>', 'how many past events to show first', positiveInt('--lines'), 10)
    .option('--interval <ms>', 'how often to look for new events', positiveInt('--interval'), 1000)
    .option('--no-follow', 'print the latest events and stop')
    .action(async (o: { session?: string; lines: number; interval: number; follow: boolean }) => {
      const api = ctx.api();
      const out = ctx.out();
      const print = (e: EventItem) => {
        if (out.json) process.stdout.write(`${JSON.stringify(e)}\n`);
        else process.stdout.write(`${e.occurredAt}  ${e.type.padEnd(20)} session ${e.sessionId}${e.call?.id ? ` call ${String(e.call.id)}` : ''}  (${e.id})\n`);
      };
      let last: string | undefined;
      const first = await newerThan(api, undefined, o.session, Math.min(o.lines, 200));
      for (const e of first) print(e);
      last = first.at(-1)?.id;
      if (!o.follow) return;
      // Without any past event, start from now: everything logged later is new.
      last ??= `${Date.now()}-0`;
      let stop = false;
      const onSignal = () => (stop = true);
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      while (!stop) {
        await new Promise((r) => setTimeout(r, o.interval));
        if (stop) break;
        for (const e of await newerThan(api, last, o.session, 200)) {
          print(e);
          last = e.id;
        }
      }
    });
}
