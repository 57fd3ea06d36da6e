/**
 * Checks on docker-compose.yml that need no Docker engine: how services refer
 * to each other (depends_on, network and PID namespaces, profiles), images,
 * healthchecks, volumes, build targets and the MASQ_* settings they pass. Each
 * check returns its problems as sentences; none means the file passed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { imageProblems, type Stage } from './docker-files.js';

export interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string };
  profiles?: string[];
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  network_mode?: string;
  pid?: string;
  volumes?: (string | { type?: string; source?: string; target: string })[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** A service's environment as name → value, whichever form the file uses. */
export function environment(s: ComposeService): Record<string, string> {
  const env = s.environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((e) => [e.split('=')[0] as string, e.split('=').slice(1).join('=')]));
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

/** Services it depends on, with the condition (short form: service_started). */
export function dependencies(s: ComposeService): Record<string, string> {
  const d = s.depends_on ?? {};
  if (Array.isArray(d)) return Object.fromEntries(d.map((n) => [n, 'service_started']));
  return Object.fromEntries(Object.entries(d).map(([n, v]) => [n, v.condition ?? 'service_started']));
}

const profilesOf = (s: ComposeService | undefined) => [...(s?.profiles ?? [])].sort().join(',');
const CONDITIONS = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);

/**
 * Problems in how services refer to each other and to the repository.
 *
 * @param stages the Dockerfile's stages, by build.dockerfile path (a built
 *   service gets its healthcheck from its stage's HEALTHCHECK).
 */
export function composeProblems(c: ComposeFile, root: string, stages: Record<string, Stage[]>): string[] {
  const problems: string[] = [];
  const services = c.services ?? {};
  const declared = new Set(Object.keys(c.volumes ?? {}));
  const hasHealthcheck = (name: string) => {
    const s = services[name];
    if (s?.healthcheck && !s.healthcheck.disable) return true;
    const st = s?.build ? stages[s.build.dockerfile ?? 'Dockerfile']?.find((x) => x.name === s.build?.target) : undefined;
    return !!st?.instructions.some((i) => i.cmd === 'HEALTHCHECK' && !/^NONE\b/i.test(i.args));
  };
  for (const [name, s] of Object.entries(services)) {
    if (!s.image && !s.build) problems.push(`${name}: neither image nor build`);
    if (s.image) problems.push(...imageProblems(s.image, name));
    if (s.build) {
      const file = s.build.dockerfile ?? 'Dockerfile';
      if (!existsSync(join(root, s.build.context ?? '.', file))) problems.push(`${name}: build.dockerfile ${file} does not exist`);
      else if (s.build.target && !stages[file]?.some((st) => st.name === s.build?.target)) problems.push(`${name}: build.target ${s.build.target} is no stage of ${file}`);
    }
    for (const [dep, condition] of Object.entries(dependencies(s))) {
      if (!services[dep]) problems.push(`${name}: depends on ${dep}, which is no service`);
      else if (!CONDITIONS.has(condition)) problems.push(`${name}: depends on ${dep} with unknown condition ${condition}`);
      else if (condition === 'service_healthy' && !hasHealthcheck(dep)) problems.push(`${name}: waits for ${dep} to be healthy, which has no healthcheck`);
      else if (!profilesOf(s).includes(profilesOf(services[dep])) && profilesOf(services[dep]) !== '') problems.push(`${name}: depends on ${dep}, which is in another profile`);
    }
    for (const key of ['network_mode', 'pid'] as const) {
      const ref = /^service:(.+)$/.exec(s[key] ?? '')?.[1];
      if (ref && !services[ref]) problems.push(`${name}: ${key} names ${ref}, which is no service`);
      else if (ref && profilesOf(services[ref]) !== profilesOf(s)) problems.push(`${name}: ${key} joins ${ref}, which is in another profile`);
    }
    if (s.network_mode?.startsWith('service:') && s.ports) problems.push(`${name}: publishes ports but shares another service's network (publish them there)`);
    for (const v of s.volumes ?? []) {
      const source = typeof v === 'string' ? v.split(':')[0] : v.source;
      if (!source) continue;
      if (/^[./~]/.test(source)) {
        if (!existsSync(join(root, source))) problems.push(`${name}: mounts ${source}, which does not exist`);
      } else if (!declared.has(source)) problems.push(`${name}: volume ${source} is not declared under volumes`);
    }
  }
  return problems;
}

/**
 * MASQ_* settings that services running Masq (built from a Dockerfile stage
 * whose CMD starts dist/index.js) pass but Masq does not read.
 */
export function unknownSettings(c: ComposeFile, stages: Record<string, Stage[]>, known: readonly string[]): string[] {
  const problems: string[] = [];
  for (const [name, s] of Object.entries(c.services ?? {})) {
    const st = s.build ? stages[s.build.dockerfile ?? 'Dockerfile']?.find((x) => x.name === s.build?.target) : undefined;
    if (!st?.instructions.some((i) => i.cmd === 'CMD' && i.args.includes('dist/index.js'))) continue;
    for (const k of Object.keys(environment(s)).filter((k) => k.startsWith('MASQ_'))) {
      if (!known.includes(k)) problems.push(`${name}: ${k} is not a setting Masq reads (src/config.ts)`);
    }
  }
  return problems;
}
