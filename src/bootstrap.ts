/**
 * Applies the pools of the optional config file at start-up. Idempotent: existing
 * pools are kept and numbers already present count as duplicates.
 */
import type { CountryCode } from 'libphonenumber-js';
import type { ConfigFile } from './config.js';
import { PoolExists } from './errors.js';
import type { Logger } from './logger.js';
import { parseNumber } from './masking/e164.js';
import type { Store } from './store/index.js';
import type { NumberEntry } from './store/pools.js';

/** Creates the config file's pools and adds their numbers; idempotent, so every start may run it. */
export async function applyConfigFile(file: ConfigFile, store: Store, region: CountryCode, log: Logger): Promise<void> {
  for (const pool of file.pools) {
    try {
      await store.pools.create(pool.id, pool.description ?? '');
    } catch (err) {
      if (!(err instanceof PoolExists)) throw err;
    }
    const entries: NumberEntry[] = [];
    let invalid = 0;
    for (const item of pool.numbers) {
      const raw = typeof item === 'string' ? { number: item } : item;
      const phone = parseNumber(raw.number, region);
      if (!phone) {
        invalid++;
        continue;
      }
      entries.push({ phone, capabilities: raw.capabilities ?? ['voice'], ...(raw.region ? { region: raw.region } : {}) });
    }
    const r = entries.length ? await store.pools.addNumbers(pool.id, entries) : { added: 0, duplicates: 0 };
    log.info({ poolId: pool.id, added: r.added, duplicates: r.duplicates, invalid }, 'pool from config file applied');
  }
}
