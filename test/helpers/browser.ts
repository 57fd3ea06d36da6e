/**
 * A real browser for the console tests: Debian's chromium driven by
 * playwright-core (nothing downloaded), axe-core for accessibility, and a record
 * of every Content-Security-Policy violation and page error.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser (MASQ_TEST_CHROMIUM overrides). */
export const CHROMIUM = process.env.MASQ_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** True when the browser is installed; tests that need it skip (saying so) otherwise. */
export function haveChromium(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

const ROOT = join(import.meta.dirname, '../..');

/**
 * Builds the console from the sources as they are now into a fresh temporary
 * folder (not dist/, which may hold an older build) and returns the folder.
 */
export function buildConsole(): string {
  const out = mkdtempSync(join(tmpdir(), 'masq-console-'));
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', 'console/vite.config.ts', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  return out;
}

/** Where the README's screenshots live. */
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/**
 * Writes `docs/screenshots/<name>.png` when MASQ_WRITE_SCREENSHOTS=1 (a deliberate
 * refresh of the README's pictures); otherwise nothing, so test runs leave the tree clean.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.MASQ_WRITE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Page errors and CSP violations seen on a page, for asserting there were none. */
export function watchProblems(page: Page): string[] {
  const seen: string[] = [];
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) seen.push(`csp: ${m.text()}`);
  });
  return seen;
}

/**
 * The browser globals tests read inside the page (the test project is compiled
 * without DOM typings). Use as `(globalThis as unknown as InPage)` in a function
 * given to page.evaluate: the cast is erased, so nothing from Node is captured.
 */
export interface InPage {
  sessionStorage: { getItem(key: string): string | null };
  localStorage: { length: number };
  document: {
    cookie: string;
    activeElement: { textContent: string | null } | null;
    documentElement: { scrollWidth: number; clientWidth: number };
  };
  axe?: { run(ctx: unknown, o: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page and returns its serious and critical violations.
 * Evaluated through the devtools protocol, which the page's CSP does not govern,
 * so the console's real policy stays on while it is checked.
 */
export async function seriousA11yViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const found = await page.evaluate(async () => {
    const g = globalThis as unknown as InPage;
    if (!g.axe) throw new Error('axe-core did not load');
    const r = await g.axe.run(g.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
