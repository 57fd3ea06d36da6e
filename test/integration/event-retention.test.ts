/**
 * The event log's retention (MASQ_EVENT_RETENTION_S): the next append trims the
 * events older than it and keeps the newer ones; by default it keeps 7 days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { startApp, type TestApp } from '../helpers/app.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

const DAY_MS = 86_400_000;
const A = '+14155550123';
const B = '+12125550199';

let redis: RedisServer;
let db: Redis;
const apps: TestApp[] = [];

beforeAll(async () => {
  // One entry per stream node: the log is trimmed approximately (MINID ~), a whole
  // node at a time, so only then does a handful of entries show the trimming.
  redis = await startRedis({ args: ['--stream-node-max-entries', '1'] });
  db = redis.client();
});

afterAll(async () => {
  for (const t of apps) await t.stop();
  await redis?.stop();
});

/** An app on its own key prefix, with a pool to open sessions in. */
async function appWith(prefix: string, env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startApp(redis.url, { MASQ_REDIS_PREFIX: prefix, ...env });
  apps.push(t);
  await t.api('POST', '/v1/pools', { id: 'ret' });
  await t.api('POST', '/v1/pools/ret/numbers', { numbers: ['+15035550100'] });
  return t;
}

/** An event as if appended `ageMs` ago (stream ids are append times); returns its id. */
async function pastEvent(key: string, ageMs: number): Promise<string> {
  const at = Date.now() - ageMs;
  return (await db.xadd(key, `${at}-0`, 't', 'session.updated', 's', 'ses-from-the-past', 'at', String(at), 'p', '', 'd', '{}')) as string;
}

async function logIds(key: string): Promise<string[]> {
  return (await db.xrange(key, '-', '+')).map(([id]) => id);
}

describe('event retention', () => {
  it('MASQ_EVENT_RETENTION_S: the next append trims events older than it, keeps newer ones', async () => {
    const t = await appWith('short:', { MASQ_EVENT_RETENTION_S: '86400' });
    const old = await pastEvent('short:events', 2 * DAY_MS);
    const recent = await pastEvent('short:events', 3_600_000);
    expect(await logIds('short:events')).toEqual([old, recent]);

    const s = await t.api('POST', '/v1/sessions', { poolId: 'ret', firstParty: A, secondParty: B });
    expect(s.status).toBe(201);
    const created = await db.hget(`short:ses:${s.body.id}`, 'ev');
    expect(await logIds('short:events')).toEqual([recent, created]);
  });

  it('keeps 7 days by default', async () => {
    const t = await appWith('default:');
    const tooOld = await pastEvent('default:events', 8 * DAY_MS);
    const kept = await pastEvent('default:events', 2 * DAY_MS);

    const s = await t.api('POST', '/v1/sessions', { poolId: 'ret', firstParty: A, secondParty: B });
    expect(s.status).toBe(201);
    const created = await db.hget(`default:ses:${s.body.id}`, 'ev');
    expect(await logIds('default:events')).toEqual([kept, created]);
    expect(await logIds('default:events')).not.toContain(tooOld);
  });
});
