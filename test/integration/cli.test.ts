/**
 * The `masq` command against a real Masq and a real redis-server, run as an
 * operator runs it (its own process, bin/masq.mjs): output, --json and the exit
 * codes scripts rely on.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_KEY, useApp } from '../helpers/app.js';
import { ROOT } from '../helpers/masq-process.js';
import { freePort } from '../helpers/ports.js';
import { EXIT } from '../../src/cli/exit-codes.js';
import { newCallId } from '../../src/masking/ids.js';

const ctx = useApp();
const dir = mkdtempSync(join(tmpdir(), 'masq-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function masq(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(ROOT, 'bin/masq.mjs'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', MASQ_API_URL: ctx.t.baseUrl, MASQ_API_KEY: TEST_KEY, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const json = <T = any>(r: Run): T => JSON.parse(r.stdout) as T;

describe('masq CLI', () => {
  it('health: 0 and the checks when ready', async () => {
    const r = await masq(['health', '--json']);
    expect(r.code).toBe(EXIT.ok);
    expect(json(r)).toMatchObject({ alive: true, status: 'ready', checks: { redis: { status: 'up' } } });
    const human = await masq(['health']);
    expect(human.stdout).toContain('ready');
  });

  it('exit codes: unreachable 3, bad key 4, usage 2, not found 5, conflict 6, invalid 7', async () => {
    expect((await masq(['pools', 'list', '--url', 'http://127.0.0.1:1'])).code).toBe(EXIT.unreachable);
    const port = await freePort();
    const refused = await masq(['pools', 'list'], { MASQ_API_URL: `http://127.0.0.1:${port}` });
    expect(refused.code).toBe(EXIT.unreachable);
    expect(refused.stderr).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    expect((await masq(['pools', 'list', '--key', 'wrong-key-0123456789'])).code).toBe(EXIT.unauthorized);
    expect((await masq(['pools', 'frobnicate'])).code).toBe(EXIT.usage);
    expect((await masq(['sessions', 'list', '--limit', 'many'])).code).toBe(EXIT.usage);
    const missing = await masq(['sessions', 'get', 'ses_nope', '--json']);
    expect(missing.code).toBe(EXIT.notFound);
    expect(json(missing).error).toMatchObject({ status: 404, exitCode: EXIT.notFound });
    expect((await masq(['pools', 'create', 'dup'])).code).toBe(EXIT.ok);
    expect((await masq(['pools', 'create', 'dup'])).code).toBe(EXIT.conflict);
    expect((await masq(['pools', 'create', 'bad id with spaces'])).code).toBe(EXIT.invalid);
    expect((await masq(['pools', 'delete', 'dup'])).code).toBe(EXIT.ok);
    expect((await masq(['pools', 'delete', 'dup'])).code).toBe(EXIT.notFound);
  });

  it('numbers import: tens of thousands of rows in batches, with duplicates and invalid lines named', async () => {
    expect((await masq(['pools', 'create', 'big', '-d', 'imported'])).code).toBe(0);
    const lines = ['number,capabilities,region'];
    for (let i = 0; i < 20_000; i++) lines.push(`+1202${String(5_000_000 + i).padStart(7, '0')},voice,DC`);
    lines.push('+12025000000,voice,DC'); // line 20002 repeats line 2
    lines.push('not-a-number,voice,DC'); // line 20003
    lines.push('');
    lines.push('+999,voice,DC'); // line 20005
    const file = join(dir, 'numbers.csv');
    writeFileSync(file, lines.join('\n'));
    const r = await masq(['numbers', 'import', file, '--pool', 'big', '--json']);
    expect(r.code, r.stderr).toBe(EXIT.partial);
    const s = json(r);
    expect(s).toMatchObject({ poolId: 'big', added: 20_000, duplicates: 1 });
    expect(s.invalid.map((p: { line: number }) => p.line)).toEqual([20_003, 20_005]);
    const pools = json(await masq(['pools', 'list', '--json']));
    expect(pools.find((p: { id: string }) => p.id === 'big').counts.numbers).toBe(20_000);
    // Again: everything is a duplicate now; the human summary says so.
    const again = await masq(['numbers', 'import', file, '--pool', 'big', '--batch', '10000']);
    expect(again.stdout).toContain('0 added, 20001 duplicates');
    expect(again.stdout).toContain('line 20003: not-a-number');
    expect((await masq(['numbers', 'import', file, '--pool', 'nope'])).code).toBe(EXIT.notFound);
  }, 60_000);

  it('sessions create → get → list → close, calls list, and a pool that runs out is 6', async () => {
    expect((await masq(['pools', 'create', 'tiny'])).code).toBe(0);
    writeFileSync(join(dir, 'tiny.csv'), '+12025550100\n');
    expect((await masq(['numbers', 'import', join(dir, 'tiny.csv'), '-p', 'tiny'])).code).toBe(0);
    const created = await masq(['sessions', 'create', '-p', 'tiny', '--first', '+14155550101', '--second', '+14155550102', '--client-reference', 'cli-1', '--json']);
    expect(created.code, created.stderr).toBe(0);
    const s = json(created);
    expect(s.firstParty.proxyNumber).toBe('+12025550100');
    const got = await masq(['sessions', 'get', s.id]);
    expect(got.stdout).toContain(`session ${s.id} (open`);
    const listed = json(await masq(['sessions', 'list', '--pool', 'tiny', '--json']));
    expect(listed.map((x: { id: string }) => x.id)).toEqual([s.id]);
    const busy = await masq(['sessions', 'create', '-p', 'tiny', '--first', '+14155550101', '--second', '+14155550103', '--json']);
    expect(busy.code).toBe(EXIT.conflict);
    expect(json(busy).error.code).toBe('pool_exhausted');
    expect(json(await masq(['calls', 'list', '--session', s.id, '--json']))).toEqual([]);
    const closed = await masq(['sessions', 'close', s.id, '--json']);
    expect(json(closed).status).toBe('closed');
    expect(json(await masq(['sessions', 'get', s.id, '--json'])).status).toBe('closed');
  });

  it('calls list: recent calls across sessions without --session, filtered by outcome, direction and time', async () => {
    await ctx.t.api('POST', '/v1/pools', { id: 'callers' });
    await ctx.t.api('POST', '/v1/pools/callers/numbers', { numbers: ['+12025550177'] });
    const mk = async (a: string, b: string) => (await ctx.t.api('POST', '/v1/sessions', { poolId: 'callers', firstParty: a, secondParty: b })).body.id as string;
    const [s1, s2] = [await mk('+14155550401', '+12125550401'), await mk('+14155550402', '+12125550402')];
    const { calls } = ctx.t.store();
    const now = Date.now();
    const write = async (sessionId: string, direction: 'first-to-second' | 'second-to-first', minAgo: number, end: { sipStatus: number; endReason: string; answered: boolean }) => {
      const startedAt = now - minAgo * 60_000;
      const id = newCallId(startedAt);
      await calls.start({ id, sessionId, direction, virtualNumber: '+12025550177', startedAt }, 'call.initiated', {
        state: end.answered ? 'completed' : 'failed', endedAt: startedAt + 30_000, durationSeconds: end.answered ? 25 : 0,
        sipStatus: end.sipStatus, hungUpBy: 'callee', endReason: end.endReason, ...(end.answered ? { answeredAt: startedAt + 5000 } : {}),
      });
      return id;
    };
    const old = await write(s1, 'first-to-second', 180, { sipStatus: 200, endReason: 'callee-hangup', answered: true });
    const busy = await write(s2, 'second-to-first', 20, { sipStatus: 486, endReason: 'callee-rejected', answered: false });
    const done = await write(s2, 'first-to-second', 10, { sipStatus: 200, endReason: 'callee-hangup', answered: true });

    const listed = await masq(['calls', 'list', '--json']);
    expect(listed.code, listed.stderr).toBe(EXIT.ok);
    expect(json<{ id: string }[]>(listed).map((c) => c.id)).toEqual([done, busy, old]);
    expect(json(await masq(['calls', 'list', '--outcome', 'busy', '--json']))).toMatchObject([{ id: busy, sessionId: s2, outcome: 'busy', sipStatus: 486 }]);
    expect(json<{ id: string }[]>(await masq(['calls', 'list', '-d', 'first-to-second', '--since', '1h', '--json'])).map((c) => c.id)).toEqual([done]);
    expect(json<{ id: string }[]>(await masq(['calls', 'list', '--until', new Date(now - 60 * 60_000).toISOString(), '--json'])).map((c) => c.id)).toEqual([old]);
    expect(json<{ id: string }[]>(await masq(['calls', 'list', '--session', s2, '--limit', '1', '--json'])).map((c) => c.id)).toEqual([done]);
    const table = await masq(['calls', 'list', '--since', '2h']);
    expect(table.stdout).toMatch(/^ID +STARTED +SESSION +DIRECTION +OUTCOME/);
    expect(table.stdout).toContain(busy);
    expect(table.stdout).not.toContain(old);
    // A time that is neither a date nor a duration is a usage error; a filter the API refuses names it.
    const badTime = await masq(['calls', 'list', '--since', 'yesterday-ish']);
    expect(badTime.code).toBe(EXIT.usage);
    expect(badTime.stderr).toContain('--since must be a date and time');
    const badOutcome = await masq(['calls', 'list', '--outcome', 'maybe', '--json']);
    expect(badOutcome.code).toBe(EXIT.invalid);
    expect(json(badOutcome).error.details).toEqual([expect.objectContaining({ field: 'outcome' })]);
  });

  it('events tail prints the latest events, then follows new ones until Ctrl-C', async () => {
    const p = spawn(process.execPath, [join(ROOT, 'bin/masq.mjs'), 'events', 'tail', '--json', '--interval', '200', '-n', '1'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', MASQ_API_URL: ctx.t.baseUrl, MASQ_API_KEY: TEST_KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => p.on('exit', (c) => r(c)));
    const lines = () => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; type: string; sessionId: string });
    const until = async (pred: () => boolean) => {
      for (let i = 0; i < 100 && !pred(); i++) await new Promise((r) => setTimeout(r, 100));
    };
    await until(() => lines().length >= 1); // the latest past event (closed session above)
    expect(lines()).toHaveLength(1);
    await ctx.t.api('POST', '/v1/pools', { id: 'tail' });
    await ctx.t.api('POST', '/v1/pools/tail/numbers', { numbers: ['+12025550199'] });
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await ctx.t.api('POST', '/v1/sessions', { poolId: 'tail', firstParty: '+14155550201', secondParty: `+1415555030${i}`, mode: 'shared' });
      made.push(r.body.id);
      if (i < 2) await ctx.t.api('DELETE', `/v1/sessions/${r.body.id}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    await until(() => lines().filter((l) => made.includes(l.sessionId)).length >= 5);
    const seen = lines().filter((l) => made.includes(l.sessionId));
    expect(seen.map((l) => l.type)).toEqual(['session.created', 'session.closed', 'session.created', 'session.closed', 'session.created']);
    // Each event once, in order.
    const ids = lines().map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    p.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('webhooks dead list and retry', async () => {
    const r = await masq(['webhooks', 'dead', 'list', '--json']);
    expect(r.code).toBe(0);
    expect(json(r)).toEqual([]);
    expect((await masq(['webhooks', 'dead', 'retry', '1-0'])).code).toBe(EXIT.notFound);
    expect((await masq(['webhooks', 'dead', 'retry'])).code).toBe(EXIT.usage);
    const all = await masq(['webhooks', 'dead', 'retry', '--all', '--json']);
    expect(json(all)).toEqual({ queued: [] });
  });
});
