/**
 * Vitest global setup for the integration and e2e projects: the built-in
 * prompts (prompts/build/*.wav) exist before any file runs, so a bare
 * `vitest run` behaves as `npm test` does. Generated only when one is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

export default function setup(): void {
  const spec = JSON.parse(readFileSync(join(root, 'prompts', 'defaults.json'), 'utf8')) as { prompts: { id: string }[] };
  const missing = spec.prompts.some((p) => !existsSync(join(root, 'prompts', 'build', `${p.id}.wav`)));
  if (missing) execFileSync(process.execPath, [join(root, 'scripts', 'build-prompts.mjs')], { stdio: 'inherit' });
}
