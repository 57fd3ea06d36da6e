/** The masked sessions the SIP benchmarks call through, seeded straight into the store. */
import type { Store } from '../../src/store/index.js';
import { parseNumber } from '../../src/masking/e164.js';

/** A distinct US number per `i` (up to 800,000 per area): +1 <area> <200 + i / 10,000> <i % 10,000>. */
export const benchNumber = (area: string, i: number): string => `+1${area}${200 + Math.floor(i / 10_000)}${String(i % 10_000).padStart(4, '0')}`;

/** One seeded session: who calls, the virtual number they dial, and who it reaches. */
export interface BenchSession {
  caller: string;
  virtual: string;
  callee: string;
}

/**
 * Pool `bench` with one virtual number per 50 sessions (plus `spare` more, for
 * sessions created during the run) and `count` open sessions, one caller each
 * (area 415 → area 212).
 */
export async function seedBenchSessions(store: Store, count: number, spare = 0): Promise<BenchSession[]> {
  await store.pools.create('bench', '');
  const virtuals = Array.from({ length: Math.ceil(count / 50) + spare }, (_, i) => benchNumber('202', i));
  await store.pools.addNumbers('bench', virtuals.map((v) => ({ phone: parseNumber(v, 'US')!, capabilities: ['voice'] })));
  const out: BenchSession[] = [];
  for (let i = 0; i < count; i++) {
    const caller = benchNumber('415', i);
    const callee = benchNumber('212', i);
    const s = await store.sessions.create({ poolId: 'bench', mode: 'shared', firstParty: parseNumber(caller, 'US')!, secondParty: parseNumber(callee, 'US')!, ttlSeconds: 86_400, options: { record: false, initiateCallToFirstParty: false } });
    out.push({ caller, virtual: s.firstParty.proxyNumber, callee });
  }
  return out;
}
