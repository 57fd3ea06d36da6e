/** Fixtures shared by the API benchmarks: numbers, participants, seeded sessions. */
import type { Redis } from 'ioredis';
import type { Store } from '../../src/store/index.js';
import { parseNumber, type PhoneNumber } from '../../src/masking/e164.js';
import type { SessionOptions } from '../../src/masking/types.js';

export const KEY = 'bench-key-0123456789abcdef';
export const AREAS = ['201', '202', '212', '213', '305', '312', '415', '503', '617', '702'];
export const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };

/** A valid NANP number, deterministic from (area index, n). */
export function person(n: number, salt = 0): string {
  const area = AREAS[(n + salt) % AREAS.length] as string;
  const exch = 200 + (Math.floor(n / 10_000) % 700);
  return `+1${area}${exch}${String(n % 10_000).padStart(4, '0')}`;
}
export function virtual(i: number, exch = 555): string {
  return `+1${AREAS[i % AREAS.length]}${exch}${String(Math.floor(i / AREAS.length)).padStart(4, '0')}`;
}
export const phone = (n: string): PhoneNumber => {
  const p = parseNumber(n, 'US');
  if (!p) throw new Error(`bench generated an invalid number ${n}`);
  return p;
};
export const opts = { record: false, initiateCallToFirstParty: false };

export async function usedMemory(r: Redis): Promise<number> {
  const info = await r.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1]);
}

export async function scriptMicros(r: Redis): Promise<number> {
  const info = await r.info('commandstats');
  return Number(/cmdstat_fcall:calls=\d+,usec=\d+,usec_per_call=([\d.]+)/.exec(info)?.[1] ?? NaN);
}

export async function addNumbers(baseUrl: string, poolId: string, numbers: string[]): Promise<void> {
  await fetch(`${baseUrl}/v1/pools`, { method: 'POST', headers: auth, body: JSON.stringify({ id: poolId }) });
  for (let i = 0; i < numbers.length; i += 10_000) {
    const res = await fetch(`${baseUrl}/v1/pools/${poolId}/numbers`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ numbers: numbers.slice(i, i + 10_000) }),
    });
    const body = (await res.json()) as { added: number };
    if (body.added !== Math.min(10_000, numbers.length - i)) throw new Error(`adding numbers: ${JSON.stringify(body)}`);
  }
}

/** Creates `count` sessions straight through the store (same Lua as the API), `parallel` at a time. */
export async function seed(
  store: Store,
  poolId: string,
  count: number,
  parties: (i: number) => [string, string],
  extra: (i: number) => Partial<SessionOptions> = () => ({}),
): Promise<[string, string][]> {
  const routes: [string, string][] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const [a, b] = parties(i);
      const s = await store.sessions.create({ poolId, mode: 'shared', firstParty: phone(a), secondParty: phone(b), ttlSeconds: 86_400, options: { ...opts, ...extra(i) } });
      if (routes.length < 20_000) routes.push([a, s.firstParty.proxyNumber]);
    }
  };
  await Promise.all(Array.from({ length: 64 }, worker));
  return routes;
}

