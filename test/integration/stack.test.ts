/**
 * `npm run stack` as a new user runs it: it starts, says where everything runs,
 * answers the example request it prints, and Ctrl-C stops every process it
 * started. drachtio-server and FreeSWITCH are part of it when this machine has them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/ports.js';
import { spawnMasq, type MasqProcess } from '../helpers/masq-process.js';
import { findDrachtio } from '../helpers/drachtio.js';
import { findFreeSwitch } from '../helpers/freeswitch.js';

const dir = mkdtempSync(join(tmpdir(), 'masq-stack-'));
let stack: MasqProcess | undefined;
afterAll(async () => {
  await stack?.stop('SIGINT', 20_000);
  rmSync(dir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm run stack', () => {
  it('starts what the machine has, answers the printed example, and stops it all on Ctrl-C', async () => {
    const [http, redis, sip, admin] = [await freePort(), await freePort(), await freePort(), await freePort()];
    stack = spawnMasq(
      {
        MASQ_STACK_DIR: dir,
        MASQ_STACK_HTTP_PORT: String(http),
        MASQ_STACK_REDIS_PORT: String(redis),
        MASQ_STACK_SIP_PORT: String(sip),
        MASQ_STACK_DRACHTIO_PORT: String(admin),
        ...(process.env.DRACHTIO_BIN ? { DRACHTIO_BIN: process.env.DRACHTIO_BIN } : {}),
        ...(process.env.MASQ_TEST_FREESWITCH ? { MASQ_TEST_FREESWITCH: process.env.MASQ_TEST_FREESWITCH } : {}),
      },
      'scripts/stack/run.ts',
    );
    const until = Date.now() + 90_000;
    while (!stack.output().includes('stack: ready')) {
      if (Date.now() > until || stack.proc.exitCode !== null) throw new Error(`stack did not start:\n${stack.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const out = stack.output();
    expect(out).toContain(`redis://127.0.0.1:${redis}`);
    expect(out).toContain(`API http://127.0.0.1:${http}`);
    if (findDrachtio()) expect(out).toContain(`SIP sip:127.0.0.1:${sip}`);
    else expect(out).toContain('missing: drachtio-server');
    if (findDrachtio() && findFreeSwitch()) expect(out).toContain('FreeSWITCH        event socket');

    // The printed curl example, as printed.
    const key = /Bearer (dev-[0-9a-f]+)/.exec(out)?.[1] as string;
    const body = /-d '([^']+)'/.exec(out)?.[1] as string;
    const res = await fetch(`http://127.0.0.1:${http}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(201);
    const ready = (await (await fetch(`http://127.0.0.1:${http}/readyz`)).json()) as { checks: Record<string, { status: string }> };
    expect(ready.checks.redis?.status).toBe('up');
    if (findDrachtio()) expect(ready.checks.sip?.status).toBe('up');

    const pids = [...out.matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(pids.every(alive)).toBe(true);
    const code = await stack.stop('SIGINT', 30_000);
    expect(code).toBe(0);
    expect(stack.output()).toContain('stack: stopped');
    expect(pids.filter(alive)).toEqual([]);
    stack = undefined;
  }, 120_000);

  it('without drachtio-server it runs the API alone and says what is missing and how to get it', async () => {
    const http = await freePort();
    // PATH without /usr/local/bin: no drachtio (redis-server stays in /usr/bin).
    const lean = spawnMasq({ MASQ_STACK_DIR: dir, MASQ_STACK_HTTP_PORT: String(http), MASQ_STACK_REDIS_PORT: String(await freePort()), PATH: '/usr/bin:/bin' }, 'scripts/stack/run.ts');
    try {
      const until = Date.now() + 60_000;
      while (!lean.output().includes('stack: ready')) {
        if (Date.now() > until || lean.proc.exitCode !== null) throw new Error(`stack did not start:\n${lean.output()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(lean.output()).toContain('missing: drachtio-server (SIP): not found (DRACHTIO_BIN or drachtio on PATH)');
      expect(lean.output()).toContain('docker compose up');
      expect((await fetch(`http://127.0.0.1:${http}/readyz`)).status).toBe(200);
    } finally {
      expect(await lean.stop('SIGINT', 30_000)).toBe(0);
    }
  }, 90_000);

  it('without redis-server it stops at once, naming the package', async () => {
    const bare = spawnMasq({ MASQ_STACK_DIR: dir, MASQ_STACK_HTTP_PORT: String(await freePort()), PATH: '/nonexistent' }, 'scripts/stack/run.ts');
    expect(await bare.exited).toBe(1);
    expect(bare.output()).toContain('redis-server is not on PATH. Debian/Ubuntu: apt-get install redis-server');
  }, 60_000);
});
