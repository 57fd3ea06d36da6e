/**
 * The operator console in a real browser (Debian's chromium through
 * playwright-core) against a real Masq and Redis: sign in, create a pool, import
 * a CSV with a bad line, create a session, find it by number, watch a call reach
 * its timeline live, close it, retry a dead letter, sign out. Every page passes
 * axe-core with no serious or critical violation and runs under the console's
 * CSP without a single violation; with MASQ_WRITE_SCREENSHOTS=1, screenshots of
 * the main pages are written to docs/screenshots/ (the README's).
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_KEY, startApp, type TestApp } from '../helpers/app.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';
import { CHROMIUM, buildConsole, haveChromium, type InPage, launchChromium, screenshot, seriousA11yViolations, watchProblems } from '../helpers/browser.js';
import { newCallId } from '../../src/masking/ids.js';

const A = '+14155550123';
const B = '+12125550199';
const have = haveChromium();
if (!have) console.warn(`SKIPPED: console browser tests need chromium at ${CHROMIUM} (apt-get install chromium)`);

describe.skipIf(!have)('console in a real browser', () => {
  let redis: RedisServer;
  let t: TestApp;
  let recv: Receiver;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let built: string;
  let sessionId = '';

  beforeAll(async () => {
    built = buildConsole();
    recv = await startReceiver();
    // Events of sessions referenced `doomed` are refused until they die (2 s); the rest are taken.
    recv.on('/hooks', (_n, r) => (r.json.clientReference === 'doomed' ? 500 : 200));
    redis = await startRedis();
    t = await startApp(redis.url, {
      MASQ_CONSOLE_DIR: built,
      MASQ_WEBHOOK_ENABLED: 'true',
      MASQ_WEBHOOK_URL: recv.url('/hooks'),
      MASQ_WEBHOOK_SECRET: 'whsec-0123456789abcdef',
      MASQ_WEBHOOK_TIMEOUT_MS: '300',
      MASQ_WEBHOOK_RETRY_BASE_MS: '50',
      MASQ_WEBHOOK_RETRY_MAX_MS: '200',
      MASQ_WEBHOOK_MAX_AGE_S: '2',
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    problems = watchProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await redis?.stop();
    await recv?.stop();
    if (built) rmSync(built, { recursive: true, force: true });
  });

  /** Accessibility and CSP on the page as it is now; then its screenshot. */
  async function checkPage(name: string, shot = true): Promise<void> {
    expect(JSON.stringify(await seriousA11yViolations(page), null, 1), `${name}: serious/critical accessibility violations`).toBe('[]');
    expect(problems, `${name}: CSP violations or page errors`).toEqual([]);
    if (shot) await screenshot(page, name);
  }

  /** Follows a link of the main navigation. */
  function nav(name: string): Promise<void> {
    return page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true }).click();
  }

  /** The console's address never carries a phone number. */
  function expectNoNumberInUrl(): void {
    expect(page.url()).not.toMatch(/\+?\d{8,}/);
    expect(page.url()).not.toContain('%2B');
  }

  it('serves /console with a strict CSP and asks for a key; a wrong key is refused', async () => {
    const res = await page.goto(`${t.baseUrl}/console/`);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    await expect(page.getByRole('heading', { name: 'Masq console' }).isVisible()).resolves.toBe(true);
    await checkPage('sign-in');
    await page.getByLabel('API key').fill('wrong-key-0000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'That key was refused.' }).waitFor();
    await page.getByLabel('API key').fill(TEST_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    // The key is in this tab's sessionStorage, and nowhere that outlives it.
    expect(await page.evaluate(() => {
      const g = globalThis as unknown as InPage;
      return [g.sessionStorage.getItem('masq.apiKey'), g.localStorage.length, g.document.cookie];
    })).toEqual([TEST_KEY, 0, '']);
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
  });

  it('creates a pool and imports a CSV, reporting the bad line by number', async () => {
    await nav('Pools');
    await page.getByText('No pools yet').waitFor();
    await page.getByLabel('Pool id').fill('metro');
    await page.getByLabel('Description').fill('Metro area');
    await page.getByRole('button', { name: 'Create pool' }).click();
    await page.getByRole('heading', { name: 'Pool metro' }).waitFor();
    const csv = ['number,country', '+15035550100,US', '+15035550101,US', 'not-a-number,US', '+15035550102,US', ''].join('\n');
    await page.getByLabel(/CSV file/).setInputFiles({ name: 'numbers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const report = page.locator('.report');
    await report.getByText(/Imported 3 numbers/).waitFor();
    await expect(report.textContent()).resolves.toContain('1 refused');
    const bad = report.getByRole('row').filter({ hasText: 'not-a-number' });
    await expect(bad.getByRole('cell').first().textContent()).resolves.toBe('4');
    await expect(page.getByRole('progressbar', { name: 'Import progress' }).getAttribute('value')).resolves.toBe('4');
    // Utilisation and the table show the three numbers, masked.
    await page.getByText('3 of 3 shown').waitFor();
    await expect(page.locator('table').last().textContent()).resolves.not.toContain('+15035550100');
    await expect(page.locator('table').last().textContent()).resolves.toContain('+1503•••0100');
    await page.getByRole('button', { name: 'Mark unhealthy +1503•••0102' }).click();
    await page.getByRole('row').filter({ hasText: '+1503•••0102' }).getByText('unhealthy').waitFor();
    await page.getByLabel('Search numbers').fill('0101');
    await page.getByText('1 of 3 shown').waitFor();
    await page.getByLabel('Search numbers').fill('');
    await checkPage('pool');
    expect((await t.api('GET', '/v1/pools/metro/numbers/+15035550102')).body.healthy).toBe(false);
    await nav('Pools');
    await page.locator('.card').filter({ hasText: 'Metro area' }).getByText('3 numbers · 0 open sessions').waitFor();
    await checkPage('pools');
  });

  it('creates a session, then finds it by a participant number that never enters the address', async () => {
    // One more session, referenced `doomed`, whose webhooks fail until they die.
    expect((await t.api('POST', '/v1/sessions', { poolId: 'metro', firstParty: '+14155550900', secondParty: '+12125550900', clientReference: 'doomed' })).status).toBe(201);
    await nav('Sessions');
    await page.getByLabel('First party (E.164)').fill(A);
    await page.getByLabel('Second party (E.164)').fill(B);
    await page.getByLabel('Client reference', { exact: true }).fill('order-77');
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.getByRole('heading', { name: /^Session s_|^Session / }).waitFor();
    await page.getByTestId('session-status').filter({ hasText: 'open' }).waitFor();
    sessionId = decodeURIComponent(page.url().split('/').pop() ?? '');
    expect((await t.api('GET', `/v1/sessions/${sessionId}`)).body.clientReference).toBe('order-77');
    // Both parties masked until revealed, one at a time.
    const facts = page.locator('dl.facts');
    await expect(facts.textContent()).resolves.not.toContain(A);
    await expect(facts.textContent()).resolves.toContain('+1415•••0123');
    await page.getByRole('button', { name: 'Reveal first party +1415•••0123' }).click();
    await expect(facts.textContent()).resolves.toContain(A);
    await expect(facts.textContent()).resolves.not.toContain(B);
    await checkPage('session-new', false);

    await nav('Sessions');
    await page.getByLabel('Find by').selectOption('participant');
    await page.getByLabel('Number (E.164)').fill(B);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText('1 session found.').waitFor();
    await page.getByRole('link', { name: sessionId }).first().waitFor();
    expectNoNumberInUrl();
    await checkPage('sessions');
    await page.getByRole('link', { name: sessionId }).first().click();
    await page.getByTestId('session-status').waitFor();
  });

  it("shows a call on the session's timeline as it happens, without a reload", async () => {
    const s = (await t.api('GET', `/v1/sessions/${sessionId}`)).body;
    const store = t.store();
    const callId = newCallId();
    const t0 = Date.now();
    // The writes the SIP side makes for a call, in order, each with its event.
    await store.calls.start({ id: callId, sessionId, direction: 'first-to-second', virtualNumber: s.firstParty.proxyNumber, startedAt: t0 }, 'call.initiated', {}, { seq: 1, deadline: t0 + 120_000 });
    await page.getByTestId('timeline-call').getByText('ringing').waitFor();
    await store.calls.update(callId, sessionId, { state: 'ringing', ringingAt: t0 + 140 }, 'call.ringing', { seq: 2 });
    await store.calls.update(callId, sessionId, { state: 'answered', answeredAt: t0 + 2_000 }, 'call.answered', { seq: 3 });
    await page.getByTestId('timeline-call').getByText('answered', { exact: true }).waitFor();
    await store.calls.update(callId, sessionId, { state: 'completed', endedAt: t0 + 65_000, durationSeconds: 63, sipStatus: 200, hungUpBy: 'caller', endReason: 'caller-hangup' }, 'call.completed', { seq: 4 });
    const call = page.getByTestId('timeline-call');
    await call.getByText('completed').waitFor();
    const text = (await call.textContent()) ?? '';
    expect(text).toContain('SIP 200');
    expect(text).toContain('hung up by caller');
    expect(text).toContain('talked 1 min 3 s');
    expect(text).toContain('from +1415•••0123');
    expect(text).toContain('to +1212•••0199');
    expect(text).not.toContain(A);
    await page.getByTestId('session-stats').filter({ hasText: '1 call,' }).waitFor();
    await checkPage('session');

    // The call on the calls list, and its full record.
    await nav('Calls');
    await page.getByRole('link', { name: callId }).click();
    await page.getByRole('heading', { name: `Call ${callId}` }).waitFor();
    await expect(page.locator('dl.facts').textContent()).resolves.toContain('caller-hangup');
    await checkPage('call');
    await nav('Calls');
    await page.getByLabel('Outcome').selectOption('failed');
    await page.getByText('0 calls').waitFor();
    await page.getByLabel('Outcome').selectOption('completed');
    await page.getByText('1 call', { exact: true }).waitFor();
    await checkPage('calls');

    await nav('Overview');
    await page.locator('.figure').filter({ hasText: 'Completed calls' }).getByText('1', { exact: true }).waitFor();
    await page.locator('.figure').filter({ hasText: 'Setup latency' }).getByText('140 / 140 ms').waitFor();
    await page.locator('.figure').filter({ hasText: 'Calls up now' }).getByText('0', { exact: true }).waitFor();
    await checkPage('overview');
  });

  it('explains why a number bound to a session cannot be deleted', async () => {
    const bound = (await t.api('GET', `/v1/sessions/${sessionId}`)).body.firstParty.proxyNumber as string;
    const masked = `${bound.slice(0, 5)}•••${bound.slice(-4)}`;
    await page.goto(`${t.baseUrl}/console/#/pools/metro`);
    await page.getByRole('button', { name: `Delete ${masked}` }).click();
    const why = page.getByRole('row').filter({ hasText: masked }).getByRole('alert');
    await why.getByText(/^409 /).waitFor();
    await expect(why.textContent()).resolves.toContain('Drain it instead');
    expect((await t.api('GET', `/v1/pools/metro/numbers/${encodeURIComponent(bound)}`)).status).toBe(200);
  });

  it('extends and closes the session from its page', async () => {
    await page.goto(`${t.baseUrl}/console/#/sessions/${sessionId}`);
    const ttl = (await t.api('GET', `/v1/sessions/${sessionId}`)).body.ttlSeconds as number;
    await page.getByLabel('Extend by (minutes)').fill('30');
    await page.getByRole('button', { name: 'Extend' }).click();
    await expect.poll(async () => (await t.api('GET', `/v1/sessions/${sessionId}`)).body.ttlSeconds).toBe(ttl + 1800);
    await page.locator('dl.facts').getByText(/TTL 4 h 30 min/).waitFor();
    await page.locator('.timeline').getByText('Session changed').waitFor();
    await page.getByRole('button', { name: 'Close session' }).click();
    await page.getByTestId('session-status').filter({ hasText: 'closed' }).waitFor();
    await page.locator('.timeline').getByText('Session closed').waitFor();
    expect((await t.api('GET', `/v1/sessions/${sessionId}`)).body.status).toBe('closed');
    await checkPage('session-closed', false);
  });

  it("lists a dead letter with its last error and retries it; shows the routing callback's decisions", async () => {
    // Two decisions as the SIP side records them (the routing callback's own e2e test makes real ones).
    await t.store().routing.record({ callId: 'c_route_1', at: Date.now(), reason: 'not_in_session', sessionId: null, action: 'dial', target: '+1305*****77', callerId: '+1503*****00', ms: 42 });
    await t.store().routing.record({ callId: 'c_route_2', at: Date.now(), reason: 'session_closed', sessionId, action: 'default', why: 'no answer in 2000 ms', ms: 2001 });
    await nav('Webhooks');
    const decisions = page.getByRole('table', { name: /Routing callback decisions/ });
    await decisions.getByRole('row').filter({ hasText: 'c_route_1' }).getByText('call +1305*****77 showing +1503*****00').waitFor();
    await decisions.getByRole('row').filter({ hasText: 'c_route_2' }).getByText('usual rejection (no answer in 2000 ms)').waitFor();
    // The doomed session's first event dies after 2 s of refusals.
    const row = page.getByRole('row').filter({ hasText: 'session.created' });
    for (let i = 0; i < 40 && !(await row.count()); i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    await row.getByText('HTTP 500').waitFor();
    await checkPage('webhooks');
    const eventId = (await row.locator('code').textContent()) ?? '';
    recv.on('/hooks', () => 200);
    await row.getByRole('button', { name: `Retry event ${eventId}` }).click();
    await page.getByRole('status').filter({ hasText: `Event ${eventId} queued for delivery again.` }).waitFor();
    await expect.poll(async () => recv.received('/hooks').some((r) => r.json.id === eventId && r.json.clientReference === 'doomed'), { timeout: 5000 }).toBe(true);
    expect((await t.api('GET', '/v1/webhooks/dead')).body.items.find((d: { eventId: string }) => d.eventId === eventId)).toBeUndefined();
  });

  it('works on a phone-sized screen and by keyboard alone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${t.baseUrl}/console/#/sessions/${sessionId}`);
    await page.getByTestId('session-status').waitFor();
    const overflow = await page.evaluate(() => {
      const { documentElement: d } = (globalThis as unknown as InPage).document;
      return d.scrollWidth - d.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await checkPage('session-phone');
    await page.goto(`${t.baseUrl}/console/#/overview`);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await checkPage('overview-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    // Keyboard: tab to the Pools link and follow it with Enter.
    await page.keyboard.press('Tab'); // skip link
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'Pools'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement?.textContent ?? '');
    }
    expect(focused).toBe('Pools');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Pools', level: 1 }).waitFor();
  });

  it('signs out: the key is gone and the API is no longer called with it', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as InPage).sessionStorage.getItem('masq.apiKey'))).toBeNull();
    await page.reload();
    await page.getByLabel('API key').waitFor();
    await checkPage('sign-in', false);
  });
});
