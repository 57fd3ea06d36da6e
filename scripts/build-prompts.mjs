// Generates Masq's built-in prompts from prompts/defaults.json: espeak-ng speaks
// each text, sox makes it 8 kHz mono 16-bit PCM with normalised level. Output:
// prompts/build/<id>.wav. Without espeak-ng or sox it says so and exits 0:
// Masq then runs without built-in prompts (rejections stay bare SIP statuses).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const spec = JSON.parse(readFileSync(join(root, 'prompts', 'defaults.json'), 'utf8'));
const out = join(root, 'prompts', 'build');

const has = (bin) => {
  try {
    execFileSync(bin, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
if (!has('espeak-ng') || !has('sox')) {
  console.warn('prompts: espeak-ng or sox not found (Debian: apt-get install -y espeak-ng sox); built-in prompts not generated');
  process.exit(0);
}

mkdirSync(out, { recursive: true });
for (const p of spec.prompts) {
  const raw = join(tmpdir(), `masq-prompt-${process.pid}-${p.id}.wav`);
  const dest = join(out, `${p.id}.wav`);
  execFileSync('espeak-ng', ['-v', spec.voice, '-s', '150', '-w', raw, p.text]);
  // A little silence around the speech, so the first syllable is never clipped by media start-up.
  execFileSync('sox', [raw, '-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer', dest, 'pad', '0.2', '0.3', 'gain', '-n', '-3']);
  rmSync(raw, { force: true });
  if (!existsSync(dest)) throw new Error(`prompts: ${dest} not written`);
}
console.log(`prompts: ${spec.prompts.length} built-in prompts in prompts/build/`);
