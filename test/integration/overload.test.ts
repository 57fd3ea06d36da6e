/**
 * An overloaded instance (its event loop lagging past MASQ_OVERLOAD_LAG_MS) refuses
 * new API requests at once with 503 + Retry-After, keeps answering its probes and
 * its scrape, and takes requests again by itself once the load is gone.
 */
import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/app.js';
import { busyLoop } from '../helpers/busy-loop.js';
import { scrape, valueOf } from '../helpers/metrics.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('overload', () => {
  const ctx = useApp({ env: { MASQ_OVERLOAD_LAG_MS: '60' } });

  it('sheds API requests with 503 + Retry-After while overloaded, answers probes, and recovers by itself', async () => {
    const { t } = ctx;
    expect((await t.api('POST', '/v1/pools', { id: 'load' })).status).toBe(201);
    expect((await t.api('POST', '/v1/pools/load/numbers', { numbers: ['+12025550100'] })).status).toBeLessThan(300);
    // New participants each time: a closed session keeps its number for its tombstone's retention.
    let n = 0;
    const create = () => {
      n++;
      return t.api('POST', '/v1/sessions', { poolId: 'load', firstParty: `+1415555${String(1000 + n)}`, secondParty: `+1212555${String(1000 + n)}` });
    };

    const stop = busyLoop(120);
    let shed: Awaited<ReturnType<typeof create>> | undefined;
    try {
      const end = Date.now() + 5000;
      while (Date.now() < end) {
        const r = await create();
        if (r.status === 503) {
          shed = r;
          break;
        }
        expect(r.status, JSON.stringify(r.body)).toBe(201);
      }
      expect(shed?.body).toEqual({ error: { code: 'overloaded', message: expect.stringMatching(/overloaded/) } });
      expect(shed?.headers.get('retry-after')).toBe('1');
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
      expect(valueOf(await scrape(t.baseUrl), 'masq_overloaded')).toBe(1);
    } finally {
      stop();
    }
    // Load gone: taken again within moments, without a restart.
    await sleep(500);
    const after = await create();
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    expect(valueOf(await scrape(t.baseUrl), 'masq_overloaded')).toBe(0);
    const lines = t.logs.filter((l) => typeof l.msg === 'string' && (l.msg as string).startsWith('overloaded'));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThan(5);
  });
});
