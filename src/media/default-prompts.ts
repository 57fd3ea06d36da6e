/**
 * Masq's built-in prompts (prompts/defaults.json, generated into prompts/build/
 * by `npm run prompts`): the global level of announcements. At start each one
 * missing from the prompt store is added; one an operator replaced stays theirs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import type { AnnouncementSituation, Announcements } from '../masking/types.js';
import type { PromptStore } from '../store/prompts.js';
import { readPromptWav } from './wav.js';

interface Spec {
  prompts: { id: string; situation: AnnouncementSituation; text: string }[];
}

const ROOT = new URL('../../prompts/', import.meta.url).pathname;

/** The built-in prompt id for each situation that has one. */
export function builtInAnnouncements(root = ROOT): Announcements {
  const spec = JSON.parse(readFileSync(join(root, 'defaults.json'), 'utf8')) as Spec;
  return Object.fromEntries(spec.prompts.map((p) => [p.situation, p.id])) as Announcements;
}

/** Adds every built-in prompt the store lacks; returns how many were added. */
export async function seedBuiltInPrompts(prompts: PromptStore, log: Logger, root = ROOT): Promise<number> {
  const spec = JSON.parse(readFileSync(join(root, 'defaults.json'), 'utf8')) as Spec;
  let added = 0;
  for (const p of spec.prompts) {
    if (await prompts.get(p.id)) continue;
    const file = join(root, 'build', `${p.id}.wav`);
    if (!existsSync(file)) {
      log.warn({ promptId: p.id }, 'built-in prompt not generated (run npm run prompts; needs espeak-ng and sox)');
      continue;
    }
    const audio = readFileSync(file);
    const info = readPromptWav(audio);
    await prompts.put(p.id, audio, { name: p.text, sampleRate: info.sampleRate, durationMs: info.durationMs, builtIn: true });
    added++;
  }
  return added;
}
