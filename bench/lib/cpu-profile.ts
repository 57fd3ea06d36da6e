/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and sums self time per
 * function and per package, to see where a request's CPU goes.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  functions: { name: string; ms: number }[];
  packages: { name: string; ms: number }[];
}

/** `node_modules/<pkg>` or our own file (`src/...`), or a V8 pseudo-frame like `(garbage collector)`. */
function packageOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : 'node:internal';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const src = url.indexOf('/src/');
  const dist = url.indexOf('/dist/');
  if (src >= 0) return url.slice(src + 1);
  if (dist >= 0) return url.slice(dist + 1);
  return url;
}

export function summarize(path: string, top = 30): ProfileSummary {
  const p = JSON.parse(readFileSync(path, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i] as number;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i + 1] ?? 0));
  }
  const fns = new Map<string, number>();
  const pkgs = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    total += us;
    const pkg = packageOf(url, functionName);
    const fn = `${functionName || '(anonymous)'} ${pkg}:${lineNumber + 1}`;
    fns.set(fn, (fns.get(fn) ?? 0) + us);
    pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, ms: us / 1000 }));
  return { totalMs: total / 1000, functions: sorted(fns), packages: sorted(pkgs) };
}

export function printSummary(label: string, s: ProfileSummary, requests: number): void {
  const per = (ms: number) => `${((ms * 1000) / Math.max(1, requests)).toFixed(1).padStart(6)} µs/req`;
  console.log(`\n== ${label}: ${s.totalMs.toFixed(0)} ms busy over ${requests} requests = ${per(s.totalMs)}`);
  console.log('-- by package');
  for (const x of s.packages.slice(0, 15)) console.log(`${per(x.ms)}  ${x.name}`);
  console.log('-- by function (self time)');
  for (const x of s.functions) console.log(`${per(x.ms)}  ${x.name}`);
}
