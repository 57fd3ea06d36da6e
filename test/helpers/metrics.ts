/** Reads a Prometheus text scrape for tests: samples by name and labels. */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the text format (comments skipped). */
export function parseMetrics(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1] as string] = l[2] as string;
    const v = m[4] as string;
    out.push({ name: m[1] as string, labels, value: v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v) });
  }
  return out;
}

/** The value of the one sample named `name` whose labels include `labels` (0 when absent). */
export function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const hit = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return hit.reduce((sum, s) => sum + s.value, 0);
}

/** Scrapes `baseUrl`/metrics. */
export async function scrape(baseUrl: string, key?: string): Promise<Sample[]> {
  const res = await fetch(`${baseUrl}/metrics`, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
  return parseMetrics(await res.text());
}

/** Label values that look like a phone number (seven digits or more in a row, with or without +). */
export function numberLikeLabels(samples: Sample[]): string[] {
  return samples.flatMap((s) => Object.values(s.labels)).filter((v) => /\d{7,}/.test(v.replace(/[\s()-]/g, '')));
}
