/**
 * /console: the built files served under the strict CSP, hashed assets cached
 * for good and the page never, /console sent to /console/, a clear 404 when no
 * build is there, nothing when turned off; none of it is an API route.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

describe('console files', () => {
  let redis: RedisServer;
  let built: TestApp;
  let unbuilt: TestApp;
  let off: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'masq-console-static-'));
  const empty = mkdtempSync(join(tmpdir(), 'masq-console-empty-'));

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>c</title><script type="module" src="/console/assets/app-1234.js"></script>');
    writeFileSync(join(dir, 'assets/app-1234.js'), 'export {};');
    redis = await startRedis();
    built = await startApp(redis.url, { MASQ_CONSOLE_DIR: dir });
    unbuilt = await startApp(redis.url, { MASQ_CONSOLE_DIR: empty });
    off = await startApp(redis.url, { MASQ_CONSOLE_DIR: dir, MASQ_CONSOLE_ENABLED: 'false' });
  });
  afterAll(async () => {
    await Promise.all([built?.stop(), unbuilt?.stop(), off?.stop()]);
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(empty, { recursive: true, force: true });
  });

  it('serves the page and its assets under a CSP that allows nothing inline and nothing from elsewhere', async () => {
    const page = await fetch(`${built.baseUrl}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')).toEqual(expect.arrayContaining(["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"]));
    expect(csp).not.toMatch(/unsafe|\*|https?:/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const asset = await fetch(`${built.baseUrl}/console/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-security-policy')).toBe(csp);
    // No key needed to load the console itself (it asks for one); the API still wants it.
    expect((await fetch(`${built.baseUrl}/v1/pools`)).status).toBe(401);
  });

  it('sends /console to /console/ (relative assets need the slash), and 404s files it does not have', async () => {
    const r = await fetch(`${built.baseUrl}/console`, { redirect: 'manual' });
    expect(r.status).toBe(301);
    expect(r.headers.get('location')).toBe('/console/');
    expect((await fetch(`${built.baseUrl}/console/nope.js`)).status).toBe(404);
  });

  it('says how to build it when there is no build, and serves nothing when turned off', async () => {
    const r = await fetch(`${unbuilt.baseUrl}/console/`);
    expect(r.status).toBe(404);
    expect(await r.text()).toContain('npm run build');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    const o = await fetch(`${off.baseUrl}/console/`);
    expect(o.status).toBe(404);
    expect(((await o.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
