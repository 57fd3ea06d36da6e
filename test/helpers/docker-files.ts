/**
 * Reads docker-compose.yml and the Dockerfile the way Docker would, as far as
 * that can be done without a Docker engine, and lists what is wrong with them:
 * each check returns problems as sentences (empty: nothing found), so a test
 * can assert `[]` and also show that a broken file is caught.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Instruction {
  cmd: string;
  args: string;
  line: number;
}

export interface Stage {
  /** The image or earlier stage it starts from, with global ARGs substituted. */
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Instructions of a Dockerfile: comments dropped, continuation lines joined. */
export function dockerfileInstructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let buf = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!buf && (line === '' || line.startsWith('#'))) return;
    if (buf && line.startsWith('#')) return;
    if (!buf) start = i + 1;
    buf += (buf ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (line.endsWith('\\')) return;
    const m = /^(\S+)\s*(.*)$/.exec(buf) as RegExpExecArray;
    out.push({ cmd: (m[1] as string).toUpperCase(), args: m[2] as string, line: start });
    buf = '';
  });
  return out;
}

/**
 * Stages of a Dockerfile, with ARGs declared before the first FROM substituted.
 *
 * @example parseDockerfile('ARG B=node:20\nFROM ${B} AS a\nUSER node\n') // [{ from: 'node:20', name: 'a', … }]
 */
export function parseDockerfile(text: string): Stage[] {
  const globals = new Map<string, string>();
  const stages: Stage[] = [];
  for (const ins of dockerfileInstructions(text)) {
    if (ins.cmd === 'ARG' && stages.length === 0) {
      const [k, v = ''] = ins.args.split('=');
      globals.set((k as string).trim(), v.trim());
    } else if (ins.cmd === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      const from = (m?.[1] ?? '').replace(/\$\{?(\w+)\}?/g, (_, k: string) => globals.get(k) ?? '');
      stages.push({ from, name: m?.[2], instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(ins);
    }
  }
  return stages;
}

/** Flags (`--from=x`), sources and destination of a COPY or ADD (shell form). */
export function copyParts(args: string): { flags: Record<string, string>; sources: string[]; dest: string } {
  const words = args.split(/\s+/);
  const flags: Record<string, string> = {};
  while (words[0]?.startsWith('--')) {
    const [k, v = ''] = (words.shift() as string).slice(2).split('=');
    flags[k as string] = v;
  }
  return { flags, sources: words.slice(0, -1), dest: words.at(-1) ?? '' };
}

/** Official images the stack may use: Docker Hub library images and the drachtio project's own. */
const OFFICIAL = /^((redis|busybox|node|debian)|drachtio\/(drachtio-server|drachtio-freeswitch-mrf))$/;

/** Problems with an image reference: not an official image, or not pinned to a tag other than latest. */
export function imageProblems(ref: string, where: string): string[] {
  const m = /^([^:@]+)(?::([^@]+))?(?:@sha256:[0-9a-f]{64})?$/.exec(ref);
  if (!m) return [`${where}: unreadable image reference ${ref}`];
  const problems: string[] = [];
  if (!OFFICIAL.test(m[1] as string)) problems.push(`${where}: ${ref} is not one of the official images`);
  if (!m[2] || m[2] === 'latest') problems.push(`${where}: ${ref} is not pinned to a tag`);
  return problems;
}

/** Patterns of a .dockerignore file. */
export function dockerignore(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Whether .dockerignore patterns (plain paths, and `**` + `/name` for a name at any depth) leave `path` out of the context. */
export function ignored(patterns: string[], path: string): boolean {
  const p = path.replace(/^\.\//, '').replace(/\/$/, '');
  return patterns.some((pat) => {
    const bare = pat.replace(/^\*\*\//, '');
    return p === bare || p.startsWith(`${bare}/`) || (pat.startsWith('**/') && p.split('/').includes(bare));
  });
}

/**
 * Problems with a Dockerfile: stages named twice, `FROM` or `COPY --from` naming
 * no earlier stage and no pinned official image, COPY sources missing from the
 * repository or left out of the context by .dockerignore.
 */
export function dockerfileProblems(stages: Stage[], root: string, ignore: string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [i, s] of stages.entries()) {
    const where = `stage ${s.name ?? i}`;
    if (s.name && seen.has(s.name)) problems.push(`${where}: named twice`);
    if (!seen.has(s.from)) problems.push(...imageProblems(s.from, `${where} FROM`));
    for (const ins of s.instructions.filter((x) => x.cmd === 'COPY' || x.cmd === 'ADD')) {
      const { flags, sources } = copyParts(ins.args);
      if (flags.from !== undefined) {
        if (!seen.has(flags.from)) problems.push(`line ${ins.line}: COPY --from=${flags.from} names no earlier stage`);
        continue;
      }
      for (const src of sources) {
        if (!existsSync(join(root, src))) problems.push(`line ${ins.line}: COPY ${src}: no such file in the repository`);
        else if (src !== '.' && ignored(ignore, src)) problems.push(`line ${ins.line}: COPY ${src}: .dockerignore leaves it out of the build context`);
      }
    }
    if (s.name) seen.add(s.name);
  }
  return problems;
}

/** The last value an instruction of the stage sets (USER, HEALTHCHECK, …), or undefined. */
export function lastOf(stage: Stage, cmd: string): string | undefined {
  return stage.instructions.filter((i) => i.cmd === cmd).at(-1)?.args;
}

/** MASQ_* names a Dockerfile stage sets with ENV (`ENV A=1 B=2` form). */
export function envNamesOf(stage: Stage): string[] {
  return stage.instructions.filter((i) => i.cmd === 'ENV').flatMap((i) => [...i.args.matchAll(/(MASQ_[A-Z0-9_]+)=/g)].map((m) => m[1] as string));
}

/** Reads a file of the repository. */
export const repoFile = (root: string, path: string) => readFileSync(join(root, path), 'utf8');
