/**
 * A real recorded call in the console: a sipp caller and far end talk through
 * drachtio-server and FreeSWITCH (each phone sending its own tone), FreeSWITCH
 * records the call, and in chromium the session's timeline plays that recording
 * inline — fetched from GET /v1/recordings/{callId} with the API key and played
 * from a blob: URL under the console's strict CSP. The call is also on the Calls
 * page (GET /v1/calls), completed, and its page shows the same player.
 * Skips, saying so, without drachtio-server, FreeSWITCH or chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TEST_KEY } from '../helpers/app.js';
import { tonePacket } from '../helpers/audio.js';
import { CHROMIUM, buildConsole, haveChromium, launchChromium, seriousA11yViolations, watchProblems } from '../helpers/browser.js';
import { findFreeSwitch, freeSwitchSkipNotice, startFreeSwitch, type FreeSwitch } from '../helpers/freeswitch.js';
import { startRtpEndpoint, type RtpEndpoint } from '../helpers/rtp-endpoint.js';
import { digits, drachtioBin, passed, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';

warnIfNoDrachtio('console recording player with a real recorded call');
const fsBin = findFreeSwitch();
if (!fsBin) freeSwitchSkipNotice('console recording player with a real recorded call (test/e2e/console-recording.test.ts)');
const have = haveChromium();
if (!have) console.warn(`SKIPPED: console browser tests need chromium at ${CHROMIUM} (apt-get install chromium)`);

interface InPageAudio {
  document: { querySelector(s: string): { src: string; readyState: number; duration: number; currentTime: number; error: unknown; muted: boolean; play(): Promise<void> } | null };
}

describe.skipIf(!drachtioBin || !fsBin || !have)('console: a real recorded call plays on the session timeline', () => {
  let fs: FreeSwitch;
  let built = '';
  const recordings = mkdtempSync(join(tmpdir(), 'masq-rec-'));
  beforeAll(async () => {
    built = buildConsole();
    fs = await startFreeSwitch(fsBin as string);
  }, 60_000);
  afterAll(async () => {
    await fs?.stop();
    if (built) rmSync(built, { recursive: true, force: true });
    rmSync(recordings, { recursive: true, force: true });
  });
  const st = useSipStack({ env: () => ({ MASQ_CONSOLE_DIR: built, MASQ_MEDIA_SERVERS: fs.eventSocket, MASQ_RECORDINGS_DIR: recordings }) });

  let a: RtpEndpoint;
  let b: RtpEndpoint;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  beforeAll(async () => {
    [a, b] = [await startRtpEndpoint(1001), await startRtpEndpoint(2002)];
    await until('the media server to be connected', async () => {
      const body = (await (await fetch(`${st.t.baseUrl}/readyz`)).json()) as { media?: { status: string }[] };
      return body.media?.[0]?.status === 'up';
    }, 15_000);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript((k) => (globalThis as unknown as { sessionStorage: { setItem(a: string, b: string): void } }).sessionStorage.setItem('masq.apiKey', k), TEST_KEY);
    page = await context.newPage();
    problems = watchProblems(page);
  });
  afterAll(async () => {
    a?.close();
    b?.close();
    await browser?.close();
  });

  it('records a call through FreeSWITCH and plays it inline from the recordings API', async () => {
    const s = await st.session({ record: true });
    let over = false;
    const run = await st.startCall({
      uac: 'uac-media-answered-expect-bye.xml',
      uas: 'uas-media-answer-then-bye.xml',
      caller: s.a,
      callee: s.b,
      to: s.v,
      uacKeys: { mport: String(a.rtpPort) },
      uasKeys: { mport: String(b.rtpPort) },
      // The callee stays 10 s: the recording notice (some 4 s), then talk.
      uasArgs: ['-d', '10000'],
      uacTimeoutS: 40,
      uasTimeoutS: 40,
    });
    void run.done.finally(() => (over = true));
    // Each phone speaks its tone to where FreeSWITCH's audio comes from, as a real phone would.
    for (const [phone, hz] of [[a, 500], [b, 1500]] as const) {
      void until('audio from FreeSWITCH', () => phone.rtp[0]?.port, 30_000).then(
        (port) => phone.speak(port, (n) => tonePacket(hz, n), () => over),
        () => undefined,
      );
    }
    const { caller, callee } = await run.done;
    passed(caller, 'caller');
    passed(callee, 'callee');
    const call = await until('the recording to be settled', async () => {
      const [c] = await st.calls(s.id);
      return (c?.recording as { status?: string } | null)?.status ? c : undefined;
    }, 15_000);
    const recording = call.recording as { status: string; url: string; durationSeconds: number };
    expect(recording).toMatchObject({ status: 'ready', url: `/v1/recordings/${call.id as string}` });
    expect(recording.durationSeconds).toBeGreaterThanOrEqual(3);

    // The timeline: the player holds the very file the API serves, fetched with the key.
    const fetched: { url: string; auth: string; status: number }[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/v1/recordings/')) fetched.push({ url: r.url(), auth: r.request().headers().authorization ?? '', status: r.status() });
    });
    await page.goto(`${st.t.baseUrl}/console/#/sessions/${s.id}`);
    await page.getByTestId('timeline-call').getByText('completed').waitFor({ timeout: 10_000 });
    const loaded = await page.waitForFunction(() => {
      const el = (globalThis as unknown as InPageAudio).document.querySelector('[data-testid="timeline-call"] audio');
      return el && el.readyState >= 1 ? { src: el.src, duration: el.duration, error: el.error } : null;
    });
    const state = (await loaded.jsonValue()) as { src: string; duration: number; error: unknown };
    expect(state.src).toMatch(/^blob:/);
    expect(state.error).toBeNull();
    expect(Math.abs(state.duration - recording.durationSeconds)).toBeLessThanOrEqual(1);
    expect(fetched).toEqual([{ url: `${st.t.baseUrl}${recording.url}`, auth: `Bearer ${TEST_KEY}`, status: 200 }]);
    await page.evaluate(async () => {
      const el = (globalThis as unknown as InPageAudio).document.querySelector('[data-testid="timeline-call"] audio');
      if (!el) throw new Error('no player');
      el.muted = true;
      await el.play();
    });
    await page.waitForFunction(() => ((globalThis as unknown as InPageAudio).document.querySelector('[data-testid="timeline-call"] audio')?.currentTime ?? 0) > 0.5);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);

    // The same call on the Calls page, completed, and its page with the player.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Calls' }).click();
    const row = page.getByRole('table', { name: 'Recent calls' }).getByRole('row').filter({ hasText: call.id as string });
    await row.getByText('completed').waitFor();
    await row.getByRole('link', { name: call.id as string }).click();
    await page.locator('dl.facts audio').waitFor();
    const text = (await page.locator('dl.facts').textContent()) ?? '';
    for (const n of [s.a, s.b, s.v]) expect(text).not.toContain(digits(n));
    expect(page.url()).not.toContain(digits(s.a));
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 90_000);
});
