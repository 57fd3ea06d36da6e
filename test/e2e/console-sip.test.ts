/**
 * The console with real calls: a sipp caller dials the virtual number through
 * drachtio-server, Masq bridges it to a sipp far end, and the session's page in
 * chromium shows the call on its timeline as it rings, is answered and ends —
 * fed by the event stream, with no reload — numbers masked throughout. Then a
 * busy call in another session: the Calls page lists both sessions' calls and
 * filters them by outcome and direction, and the busy call's page shows its record.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TEST_KEY } from '../helpers/app.js';
import { CHROMIUM, buildConsole, haveChromium, launchChromium, seriousA11yViolations, watchProblems } from '../helpers/browser.js';
import { digits, drachtioBin, passed, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';

warnIfNoDrachtio('console with a live SIP call');
const have = haveChromium();
if (!have) console.warn(`SKIPPED: console browser tests need chromium at ${CHROMIUM} (apt-get install chromium)`);

describe.skipIf(!drachtioBin || !have)('console: a real call on the session timeline', () => {
  let built = '';
  beforeAll(() => {
    built = buildConsole();
  });
  const st = useSipStack({ env: () => ({ MASQ_CONSOLE_DIR: built }) });
  let browser: Browser;
  let page: Page;
  let problems: string[];
  /** The first test's call, for the Calls page. */
  let answered = { sessionId: '', callId: '' };

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Signed in already (the sign-in flow has its own test): the key in this tab's storage.
    await context.addInitScript((k) => (globalThis as unknown as { sessionStorage: { setItem(a: string, b: string): void } }).sessionStorage.setItem('masq.apiKey', k), TEST_KEY);
    page = await context.newPage();
    problems = watchProblems(page);
  });
  afterAll(async () => {
    await browser?.close();
    if (built) rmSync(built, { recursive: true, force: true });
  });

  it('shows the call ringing, answered and completed, as it happens', async () => {
    const s = await st.session();
    await page.goto(`${st.t.baseUrl}/console/#/sessions/${s.id}`);
    await page.getByTestId('session-status').filter({ hasText: 'open' }).waitFor();
    await page.locator('.top .live.live').waitFor();
    const call = page.getByTestId('timeline-call');
    expect(await call.count()).toBe(0);

    const running = await st.startCall({ uac: 'uac-talk-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v, uacArgs: ['-d', '2500'] });
    // While the call is up, the page already shows it answered, and the overview counts it.
    await call.getByText('answered', { exact: true }).waitFor({ timeout: 10_000 });
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('link', { name: 'Overview' }).click();
    await page.locator('.figure').filter({ hasText: 'Calls up now' }).getByText('1', { exact: true }).waitFor();
    await page.locator('.figure').filter({ hasText: 'Calls bridged by this instance' }).getByText('1', { exact: true }).waitFor();
    await page.goBack();
    const { caller, callee } = await running.done;
    passed(caller, 'caller');
    passed(callee, 'callee');
    await call.getByText('completed').waitFor({ timeout: 10_000 });

    const record = (await st.calls(s.id))[0] ?? {};
    const text = (await call.textContent()) ?? '';
    expect(text).toContain('SIP 200');
    expect(text).toContain(`hung up by ${String(record.hungUpBy)}`);
    expect(text).toContain(`from +1415•••${s.a.slice(-4)}`);
    expect(text).toContain(`to +1212•••${s.b.slice(-4)}`);
    for (const n of [s.a, s.b]) expect(text).not.toContain(digits(n));
    await page.getByTestId('session-stats').filter({ hasText: '1 call,' }).waitFor();
    expect(page.url()).not.toContain(digits(s.a));
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    answered = { sessionId: s.id, callId: String(record.id) };
  });

  it("lists both sessions' calls on the Calls page, filters them, and shows the busy one's record", async () => {
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-reject-expect-486.xml', uas: 'uas-busy.xml', caller: s.b, callee: s.a, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const busy = await st.finishedCall(s.id);
    expect(busy).toMatchObject({ direction: 'second-to-first', state: 'failed', sipStatus: 486, endReason: 'callee-rejected' });

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Calls' }).click();
    const table = page.getByRole('table', { name: 'Recent calls' });
    const ids = async () => (await table.locator('tbody tr td:first-child a').allTextContents()).map((x) => x.trim());
    await table.getByRole('link', { name: String(busy.id) }).waitFor();
    expect(await ids()).toEqual([String(busy.id), answered.callId]);
    for (const sid of [s.id, answered.sessionId]) await table.getByRole('link', { name: sid }).waitFor();
    await page.getByLabel('Outcome').selectOption('busy');
    await page.getByTestId('calls-count').filter({ hasText: /^1 call$/ }).waitFor();
    expect(await ids()).toEqual([String(busy.id)]);
    await page.getByLabel('Outcome').selectOption('all');
    await page.getByLabel('Direction').selectOption('first-to-second');
    await page.getByTestId('calls-count').filter({ hasText: /^1 call$/ }).waitFor();
    expect(await ids()).toEqual([answered.callId]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('Direction').selectOption('all');

    await table.getByRole('link', { name: String(busy.id) }).click();
    await page.getByTestId('call-outcome').filter({ hasText: 'busy' }).waitFor();
    // The parties come with the session, a second query: wait for them before reading the facts.
    await page.locator('dl.facts dt', { hasText: 'Caller' }).waitFor();
    const facts = (await page.locator('dl.facts').textContent()) ?? '';
    for (const part of ['486', 'callee-rejected', 'second → first', `+1212•••${s.b.slice(-4)}`]) expect(facts).toContain(part);
    for (const n of [s.a, s.b, s.v]) expect(facts).not.toContain(digits(n));
    expect(page.url()).not.toMatch(/\d{8,}/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
