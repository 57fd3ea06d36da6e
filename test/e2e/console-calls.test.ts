/**
 * The console's Calls page in a real browser against a real Masq and Redis:
 * recent calls of two sessions (and a call turned away) from GET /v1/calls,
 * filtered by outcome, direction and a time range, a page at a time; a call's
 * page with its full record; the recording played inline on the session's
 * timeline. Numbers stay masked (one revealed at a time) and never enter the
 * address; every page passes axe-core with no serious or critical violation and
 * runs under the console's CSP.
 *
 * The calls are written the way the SIP side writes them (the real-call version
 * is console-sip.test.ts); the recording file is served to the browser here
 * (with the key checked), as GET /v1/recordings serves FreeSWITCH's files — the
 * whole path with a real recorded call is console-recording.test.ts.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TEST_KEY, startApp, type TestApp } from '../helpers/app.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { CHROMIUM, buildConsole, haveChromium, launchChromium, screenshot, seriousA11yViolations, watchProblems } from '../helpers/browser.js';
import { newCallId } from '../../src/masking/ids.js';
import { pcmWav } from '../../src/media/wav.js';

const have = haveChromium();
if (!have) console.warn(`SKIPPED: console browser tests need chromium at ${CHROMIUM} (apt-get install chromium)`);

const VN = '+15035550170';
const P = { a1: '+14155550311', b1: '+12125550311', a2: '+14155550312', b2: '+12125550312' };
const MIN = 60_000;

/** A 3 s, 8 kHz tone: the recording the browser plays. */
const WAV = pcmWav(Int16Array.from({ length: 24_000 }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 440 * i) / 8000))), 8000);

interface InPageAudio {
  document: { querySelector(s: string): { src: string; readyState: number; duration: number; currentTime: number; error: unknown; muted: boolean; play(): Promise<void> } | null };
}

describe.skipIf(!have)('console: recent calls, a call, a recording', () => {
  let redis: RedisServer;
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let built = '';
  const ids: Record<string, string> = {};
  const sessions = { s1: '', s2: '' };
  const recordingAuth: string[] = [];

  beforeAll(async () => {
    built = buildConsole();
    redis = await startRedis();
    t = await startApp(redis.url, { MASQ_CONSOLE_DIR: built });
    await t.api('POST', '/v1/pools', { id: 'desk' });
    await t.api('POST', '/v1/pools/desk/numbers', { numbers: [VN] });
    sessions.s1 = (await t.api('POST', '/v1/sessions', { poolId: 'desk', firstParty: P.a1, secondParty: P.b1, clientReference: 'ride-1' })).body.id as string;
    sessions.s2 = (await t.api('POST', '/v1/sessions', { poolId: 'desk', firstParty: P.a2, secondParty: P.b2, clientReference: 'ride-2' })).body.id as string;

    const store = t.store();
    const now = Date.now();
    const call = async (name: string, sessionId: string | null, direction: 'first-to-second' | 'second-to-first' | null, minAgo: number, end: Record<string, unknown>) => {
      const startedAt = now - minAgo * MIN;
      ids[name] = newCallId(startedAt);
      await store.calls.start({ id: ids[name], sessionId, direction, virtualNumber: VN, startedAt }, sessionId ? 'call.initiated' : '', { ringingAt: startedAt + 180, ...end });
    };
    // 55 strangers turned away, an hour and more ago: enough for a second page.
    for (let i = 0; i < 55; i++) {
      await call(`stranger${i}`, null, null, 120 + i, { state: 'failed', endedAt: now - (120 + i) * MIN + 40, sipStatus: 403, hungUpBy: 'masq', endReason: 'not_in_session' });
    }
    await call('completed', sessions.s1, 'first-to-second', 30, { state: 'completed', answeredAt: now - 30 * MIN + 4000, endedAt: now - 30 * MIN + 76_000, durationSeconds: 72, sipStatus: 200, hungUpBy: 'callee', endReason: 'callee-hangup' });
    await call('busy', sessions.s2, 'second-to-first', 20, { state: 'failed', endedAt: now - 20 * MIN + 3000, sipStatus: 486, hungUpBy: 'callee', endReason: 'callee-rejected' });
    await call('noAnswer', sessions.s2, 'first-to-second', 10, { state: 'failed', endedAt: now - 10 * MIN + 30_000, sipStatus: 480, hungUpBy: 'masq', endReason: 'ring-timeout' });
    // The completed call was recorded (as the media layer settles it).
    await store.recordings.settle({ callId: ids.completed as string, status: 'ready', recordingId: 'rec-desk-1', url: `/v1/recordings/${ids.completed as string}`, durationSeconds: 3 });

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript((k) => (globalThis as unknown as { sessionStorage: { setItem(a: string, b: string): void } }).sessionStorage.setItem('masq.apiKey', k), TEST_KEY);
    // GET /v1/recordings answers with the file FreeSWITCH wrote; here, this one, to a request with the key only.
    await context.route(`${t.baseUrl}/v1/recordings/*`, async (route) => {
      const auth = route.request().headers().authorization ?? '';
      recordingAuth.push(auth);
      if (auth !== `Bearer ${TEST_KEY}`) return route.fulfill({ status: 401, contentType: 'application/json', body: '{"error":{"code":"unauthorized","message":"no"}}' });
      return route.fulfill({ status: 200, contentType: 'audio/wav', body: WAV });
    });
    page = await context.newPage();
    problems = watchProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await redis?.stop();
    if (built) rmSync(built, { recursive: true, force: true });
  });

  /** Accessibility, CSP and the address on the page as it is now; with `shot`, its screenshot (the README's). */
  async function checkPage(name: string, shot = false): Promise<void> {
    expect(JSON.stringify(await seriousA11yViolations(page), null, 1), `${name}: serious/critical accessibility violations`).toBe('[]');
    expect(problems, `${name}: CSP violations or page errors`).toEqual([]);
    expect(page.url(), 'no number in the address').not.toMatch(/\d{8,}|%2B/);
    if (shot) await screenshot(page, name);
  }

  const rows = () => page.getByRole('table', { name: 'Recent calls' }).locator('tbody tr');
  const rowIds = async () => (await rows().locator('td:first-child a').allTextContents()).map((s) => s.trim());
  const count = (text: string) => page.getByTestId('calls-count').filter({ hasText: new RegExp(`^${text}$`) }).waitFor();

  it('lists the recent calls of both sessions, newest first, a page at a time, numbers masked', async () => {
    await page.goto(`${t.baseUrl}/console/#/calls`);
    await page.getByRole('heading', { name: 'Calls', level: 1 }).waitFor();
    await page.getByLabel('Time').selectOption('0');
    await count('50 calls');
    const first = await rowIds();
    expect(first.slice(0, 4)).toEqual([ids.noAnswer, ids.busy, ids.completed, ids.stranger0]);
    // Both sessions are there, each call links to its session.
    const table = page.getByRole('table', { name: 'Recent calls' });
    await table.getByRole('link', { name: sessions.s1 }).first().waitFor();
    await table.getByRole('link', { name: sessions.s2 }).first().waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).not.toContain(VN);
    expect(text).toContain('+1503•••0170');
    expect(text).toContain('busy');
    expect(text).toContain('no answer');
    // One number revealed, the others still masked.
    await rows().filter({ hasText: ids.busy }).getByRole('button', { name: 'Reveal virtual number +1503•••0170' }).click();
    await expect(rows().filter({ hasText: ids.busy }).textContent()).resolves.toContain(VN);
    await expect(rows().filter({ hasText: ids.noAnswer }).textContent()).resolves.not.toContain(VN);
    await checkPage('calls');

    await page.getByRole('button', { name: 'Older calls' }).click();
    await count('8 calls on page 2');
    expect(await rowIds()).toEqual([47, 48, 49, 50, 51, 52, 53, 54].map((i) => ids[`stranger${i}`]));
    await expect(page.getByRole('button', { name: 'Older calls' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Newer calls' }).click();
    await count('50 calls');
    expect(await rowIds()).toEqual(first);
  });

  it('filters by outcome, direction and a time range', async () => {
    await page.getByLabel('Outcome').selectOption('busy');
    await count('1 call');
    expect(await rowIds()).toEqual([ids.busy]);
    await page.getByLabel('Outcome').selectOption('all');
    await page.getByLabel('Direction').selectOption('first-to-second');
    await count('2 calls');
    expect(await rowIds()).toEqual([ids.noAnswer, ids.completed]);
    await page.getByLabel('Outcome').selectOption('completed');
    await count('1 call');
    expect(await rowIds()).toEqual([ids.completed]);
    await page.getByLabel('Outcome').selectOption('rejected');
    await count('0 calls');
    await page.getByLabel('Outcome').selectOption('all');
    await page.getByLabel('Direction').selectOption('all');
    // The last hour holds the three calls of the sessions, not the strangers.
    await page.getByLabel('Time').selectOption('60');
    await count('3 calls');
    // A range, in the browser's time zone: from 25 to 15 minutes ago.
    await page.getByLabel('Time').selectOption('custom');
    const local = (minAgo: number) => {
      const d = new Date(Date.now() - minAgo * MIN - new Date().getTimezoneOffset() * MIN);
      return d.toISOString().slice(0, 19);
    };
    await page.getByLabel('From', { exact: true }).fill(local(25));
    await page.getByLabel('To', { exact: true }).fill(local(15));
    await count('1 call');
    expect(await rowIds()).toEqual([ids.busy]);
    await checkPage('calls-filtered', true);
  });

  it("shows a call's full record, from the list, with its parties masked", async () => {
    await page.getByRole('link', { name: ids.busy }).click();
    await page.getByRole('heading', { name: `Call ${ids.busy}` }).waitFor();
    const facts = page.locator('dl.facts');
    await page.getByTestId('call-outcome').filter({ hasText: 'busy' }).waitFor();
    await facts.getByText('+1212•••0312').waitFor();
    const text = (await facts.textContent()) ?? '';
    for (const part of ['state failed', 'second → first', '486', 'callee-rejected', 'callee', sessions.s2, '+1415•••0312']) expect(text).toContain(part);
    for (const n of Object.values(P)) expect(text).not.toContain(n);
    // Caller: the second party (second → first); revealing it shows that one number only.
    await page.getByRole('button', { name: 'Reveal caller +1212•••0312' }).click();
    await expect(facts.textContent()).resolves.toContain(P.b2);
    await expect(facts.textContent()).resolves.not.toContain(P.a2);
    await checkPage('call');
    // Back to the list: the filters chosen are still there.
    await page.getByRole('link', { name: 'Calls' }).first().click();
    await count('1 call');
    await expect(page.getByLabel('Time').inputValue()).resolves.toBe('custom');
  });

  it("plays a call's recording inline on its session's timeline, fetched with the key", async () => {
    await page.goto(`${t.baseUrl}/console/#/sessions/${sessions.s1}`);
    const player = page.getByTestId('timeline-call').getByTestId('recording').locator('audio');
    await player.waitFor();
    const audio = await page.waitForFunction(() => {
      const a = (globalThis as unknown as InPageAudio).document.querySelector('[data-testid="timeline-call"] audio');
      return a && a.readyState >= 1 ? { src: a.src, duration: a.duration, error: a.error } : null;
    });
    const state = (await audio.jsonValue()) as { src: string; duration: number; error: unknown };
    expect(state.src).toMatch(/^blob:/);
    expect(state.error).toBeNull();
    expect(state.duration).toBeCloseTo(3, 1);
    expect(recordingAuth).toEqual([`Bearer ${TEST_KEY}`]);
    // It plays (muted: no speaker needed).
    await page.evaluate(async () => {
      const a = (globalThis as unknown as InPageAudio).document.querySelector('[data-testid="timeline-call"] audio');
      if (!a) throw new Error('no player');
      a.muted = true;
      await a.play();
    });
    await page.waitForFunction(() => ((globalThis as unknown as InPageAudio).document.querySelector('[data-testid="timeline-call"] audio')?.currentTime ?? 0) > 0.3);
    await expect(page.getByRole('link', { name: /^Download/ }).getAttribute('download')).resolves.toBe(`${ids.completed as string}.wav`);
    await checkPage('session-recording');
    // The call's own page plays it too (the file fetched once, kept while the tab uses it).
    await page.goto(`${t.baseUrl}/console/#/calls/${ids.completed as string}`);
    await page.locator('dl.facts audio').waitFor();
    expect(recordingAuth.length).toBeLessThanOrEqual(2);
    await checkPage('call-recording', true);
  });
});
