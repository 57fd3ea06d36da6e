/**
 * Prompts as files the media server can open. The audio lives in Redis; each
 * instance writes the version it needs into MASQ_PROMPTS_DIR as
 * `<id>.<version>.wav` (written to a temporary name, then renamed), so a prompt
 * replaced through the API never changes a file a call is playing, and several
 * instances never need a shared filesystem. The media server sees the same
 * directory under MASQ_MEDIA_PROMPTS_DIR (a shared volume in Docker).
 */
import { mkdirSync } from 'node:fs';
import { access, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import type { PromptStore } from '../store/prompts.js';

/** How long a prompt's version is trusted before Redis is asked again. */
const META_TTL_MS = 5000;

/** Prompt ids → paths on the media server, writing the files on first use. */
export class PromptFiles {
  private readonly known = new Map<string, { version: string; at: number }>();
  private readonly writing = new Map<string, Promise<void>>();
  /** Files seen on disk lately: a rejected call at a high rate need not stat its prompt each time. */
  private readonly present = new Map<string, number>();

  constructor(
    private readonly opts: {
      prompts: PromptStore;
      /** Where this instance writes the files. */
      dir: string;
      /** The same directory as the media server sees it. */
      mediaDir: string;
      log: Logger;
    },
  ) {
    mkdirSync(opts.dir, { recursive: true });
  }

  /**
   * The path the media server plays for `id`, or undefined when the prompt does
   * not exist (the caller then falls back to the next announcement level).
   */
  async pathFor(id: string): Promise<string | undefined> {
    const version = await this.version(id);
    if (!version) return undefined;
    const file = `${id}.${version}.wav`;
    const local = join(this.opts.dir, file);
    const seen = this.present.get(file);
    if (seen !== undefined && Date.now() - seen < META_TTL_MS) return join(this.opts.mediaDir, file);
    if (!(await exists(local))) {
      let w = this.writing.get(file);
      if (!w) {
        w = this.write(id, local).finally(() => this.writing.delete(file));
        this.writing.set(file, w);
      }
      await w;
      if (!(await exists(local))) return undefined;
    }
    this.present.set(file, Date.now());
    return join(this.opts.mediaDir, file);
  }

  /** Removes files of versions older than the current one (and of deleted prompts). */
  async prune(): Promise<number> {
    let removed = 0;
    for (const f of await readdir(this.opts.dir).catch(() => [] as string[])) {
      const m = /^(.+)\.([0-9a-f]{16})\.wav$/.exec(f);
      if (!m) continue;
      const current = await this.version(m[1] as string, true).catch(() => 'keep');
      if (current !== m[2] && current !== 'keep') {
        await unlink(join(this.opts.dir, f)).catch(() => undefined);
        this.present.delete(f);
        removed++;
      }
    }
    return removed;
  }

  private async version(id: string, fresh = false): Promise<string | undefined> {
    const k = this.known.get(id);
    if (!fresh && k && Date.now() - k.at < META_TTL_MS) return k.version;
    const p = await this.opts.prompts.get(id);
    if (!p) {
      this.known.delete(id);
      return undefined;
    }
    this.known.set(id, { version: p.version, at: Date.now() });
    return p.version;
  }

  private async write(id: string, path: string): Promise<void> {
    const audio = await this.opts.prompts.audio(id);
    if (!audio) return;
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, audio);
      await rename(tmp, path);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      this.opts.log.warn({ err, promptId: id }, 'prompt file not written');
    }
  }
}

const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );
