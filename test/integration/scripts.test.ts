/**
 * The Lua library in Redis: loaded on demand, reloaded by the first calls that
 * find it gone (a restart without persistence, FUNCTION FLUSH), with no error seen
 * by clients.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../helpers/app.js';

const ctx = useApp();

beforeAll(async () => {
  await ctx.t.api('POST', '/v1/pools', { id: 'lib' });
  await ctx.t.api('POST', '/v1/pools/lib/numbers', { numbers: ['+15035550110', '+15035550111'] });
});

const libraries = async () => ((await ctx.db.call('FUNCTION', 'LIST')) as unknown[][]).map((l) => String(l[1]));

describe('script library', () => {
  it('is reloaded when Redis has lost it, even by many requests at once', async () => {
    expect((await libraries()).filter((n) => n.startsWith('masq_'))).toHaveLength(1);
    await ctx.db.call('FUNCTION', 'FLUSH');
    expect(await libraries()).toEqual([]);
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.t.api('POST', '/v1/sessions', { poolId: 'lib', firstParty: `+1415555${7000 + i}`, secondParty: `+1212555${7000 + i}` }),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect((await libraries()).filter((n) => n.startsWith('masq_'))).toHaveLength(1);
  });
});
