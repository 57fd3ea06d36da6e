/**
 * The console's budget: its JavaScript gzipped (≤ 250 KB) and first load to
 * interactive on loopback (≤ 1 s), in Debian's chromium against a compiled Masq
 * and a real Redis. Prints figures; asserts nothing. Usage: npm run bench:console
 * (BENCH_RUNS=10 cold loads each; BENCH_NO_BUILD=1 reuses dist/).
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { startRedis } from '../../test/helpers/redis-server.js';
import { freePort } from '../../test/helpers/ports.js';
import { haveChromium, launchChromium } from '../../test/helpers/browser.js';
import { pct, start, waitHttp } from '../lib/processes.js';

const KEY = 'bench-console-key-0123456789';
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const DIR = 'dist/console';

/** Gzipped bytes (level 9, as a static server or proxy would send them) of the files ending in `ext`. */
function gzipped(ext: string): { raw: number; gz: number; files: number } {
  const assets = join(DIR, 'assets');
  let raw = 0;
  let gz = 0;
  let files = 0;
  for (const f of readdirSync(assets).filter((n) => n.endsWith(ext))) {
    const buf = readFileSync(join(assets, f));
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
    files++;
  }
  return { raw, gz, files };
}

/** Cold loads (fresh browser context each: empty cache, empty storage); ms from navigation start. */
async function coldLoads(browser: Browser, url: string, signedIn: boolean): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    if (signedIn) await ctx.addInitScript((k) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('masq.apiKey', k), KEY);
    const page = await ctx.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    if (signedIn) {
      // Interactive: the overview's figures filled from the API and the event stream live.
      await page.locator('.top .live.live').waitFor();
      await page.locator('.figure .value').filter({ hasText: /^\d+$/ }).first().waitFor();
      await page.locator('.figure').filter({ hasText: 'Webhooks pending' }).locator('.value').filter({ hasText: /^\d+$/ }).waitFor();
    } else {
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    }
    out.push(await page.evaluate(() => performance.now()));
    await ctx.close();
  }
  return out.sort((a, b) => a - b);
}

const fmt = (xs: number[]): string => `median ${pct(xs, 50).toFixed(0)} ms, p90 ${pct(xs, 90).toFixed(0)} ms, max ${(xs[xs.length - 1] ?? NaN).toFixed(0)} ms`;

async function main(): Promise<void> {
  if (!haveChromium()) throw new Error('chromium is not installed (apt-get install chromium)');
  if (!existsSync(join(DIR, 'index.html')) || !process.env.BENCH_NO_BUILD) execSync('npm run build', { stdio: 'ignore' });
  const js = gzipped('.js');
  const css = gzipped('.css');
  const redis = await startRedis();
  const port = await freePort();
  const masq = start('node', ['dist/index.js'], {
    MASQ_HTTP_PORT: String(port),
    MASQ_REDIS_URL: redis.url,
    MASQ_API_KEYS: KEY,
    MASQ_LOG_LEVEL: 'warn',
    MASQ_SIP_ENABLED: 'false',
    MASQ_WEBHOOK_ENABLED: 'false',
  });
  const base = `http://127.0.0.1:${port}`;
  let browser: Browser | undefined;
  try {
    await waitHttp(`${base}/readyz`);
    // Some state, so the first load reads real pages of events and pools.
    const call = (method: string, path: string, body: unknown) =>
      fetch(base + path, { method, headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await call('POST', '/v1/pools', { id: 'bench' });
    await call('POST', '/v1/pools/bench/numbers', { numbers: Array.from({ length: 1000 }, (_, i) => `+1503555${String(i).padStart(4, '0')}`) });
    for (let i = 0; i < 300; i++) {
      await call('POST', '/v1/sessions', { poolId: 'bench', firstParty: `+1415556${String(i).padStart(4, '0')}`, secondParty: `+1212556${String(i).padStart(4, '0')}` });
    }
    browser = await launchChromium();
    await coldLoads(browser, `${base}/console/`, false); // warm-up: Masq's and chromium's first-time costs
    const signIn = await coldLoads(browser, `${base}/console/`, false);
    const overview = await coldLoads(browser, `${base}/console/#/overview`, true);
    console.log(`console JS   ${js.files} file(s), ${(js.raw / 1024).toFixed(1)} KB raw, ${(js.gz / 1024).toFixed(1)} KB gzipped (budget 250 KB)`);
    console.log(`console CSS  ${css.files} file(s), ${(css.raw / 1024).toFixed(1)} KB raw, ${(css.gz / 1024).toFixed(1)} KB gzipped`);
    console.log(`first load to sign-in form usable (${RUNS} cold loads): ${fmt(signIn)} (budget 1000 ms)`);
    console.log(`first load to overview interactive, signed in, data + live stream (${RUNS} cold loads): ${fmt(overview)} (budget 1000 ms)`);
  } finally {
    await browser?.close();
    await masq.stop();
    await redis.stop();
  }
}

await main();
