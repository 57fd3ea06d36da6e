/**
 * A real Redis Sentinel failover under load: a primary and its replica (AOF,
 * appendfsync everysec) and three sentinels on loopback, Masq pointed at the
 * sentinels. The primary fails (killed, or frozen as a partition looks from the
 * client) while sessions are being created at a steady rate: the API answers 503
 * store_unavailable (with Retry-After), never 500 nor a hang, until the sentinels
 * have promoted the replica and Masq has found it, then serves again by itself;
 * afterwards every session whose creation was answered 201 is read back and
 * those missing are counted as lost.
 */
import { describe, expect, it } from 'vitest';
import { startApp, TEST_KEY, type TestApp } from '../helpers/app.js';
import { startSentinels, type SentinelSet } from '../helpers/redis-sentinel.js';
import { openSse, type SseStream } from '../helpers/sse.js';

const DATA_PASSWORD = 'data-pw-7f3a9c0d';
const SENTINEL_PASSWORD = 'sentinel-pw-2b8e41aa';
/** One POST /v1/sessions every PERIOD_MS (50/s), whatever the answers. */
const PERIOD_MS = 20;
const MAX_IN_FLIGHT = 64;
/** From the failure, how long the load may run before the test gives up waiting for recovery. */
const GIVE_UP_MS = 30_000;
/** The API must serve again within this long after the failure (down-after 1 s, election, reconnect; a slow machine). */
const RECOVERY_BOUND_MS = 15_000;
/** Only sessions acknowledged this long before the failure may be lost (asynchronous replication). */
const LOSS_HORIZON_MS = 2000;

interface Outcome {
  sentAt: number;
  doneAt: number;
  status: number;
  code: string | undefined;
  retryAfter: string | null;
  id: string | undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates session `i` (its own two parties, so any number of the pool can host it). */
async function createSession(t: TestApp, i: number): Promise<Outcome> {
  const sentAt = Date.now();
  try {
    const r = await fetch(`${t.baseUrl}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ poolId: 'fo', firstParty: `+1415555${1000 + i}`, secondParty: `+1212555${1000 + i}` }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await r.json()) as { id?: string; error?: { code?: string } };
    return { sentAt, doneAt: Date.now(), status: r.status, code: body.error?.code, retryAfter: r.headers.get('retry-after'), id: body.id };
  } catch (err) {
    // A hang (timeout) or a dropped connection: status 0 fails the assertions below.
    return { sentAt, doneAt: Date.now(), status: 0, code: String(err), retryAfter: null, id: undefined };
  }
}

/** What a failover under load measured. */
interface Figures {
  windowMs: number;
  recoveryMs: number;
  unavailable: number;
  acked: number;
  lost: number;
  oldMaster: number;
  newMaster: number;
}

/**
 * Runs the load against a fresh deployment, fails its primary with `fail` once
 * 100 sessions are in, runs on until the API has served 25 requests in a row
 * again, then checks every answer and reads every acknowledged session back.
 */
async function failoverUnderLoad(what: string, fail: (set: SentinelSet) => Promise<void>, more: (set: SentinelSet, t: TestApp) => void): Promise<void> {
  const set = await startSentinels({ password: DATA_PASSWORD, sentinelPassword: SENTINEL_PASSWORD, appendfsync: 'everysec' });
  let t: TestApp | undefined;
  let stream: SseStream | undefined;
  try {
    // The URL names the primary on purpose: in sentinel mode only its password and
    // db count, so an app that connected there directly would never recover.
    t = await startApp(`redis://:${DATA_PASSWORD}@127.0.0.1:${set.primary.port}/2`, {
      MASQ_REDIS_SENTINELS: set.addresses,
      MASQ_REDIS_SENTINEL_PASSWORD: SENTINEL_PASSWORD,
    });
    const app = t;
    await app.api('POST', '/v1/pools', { id: 'fo' });
    const numbers = Array.from({ length: 8 }, (_, k) => `+1503555${String(100 + k).padStart(4, '0')}`);
    expect((await app.api('POST', '/v1/pools/fo/numbers', { numbers })).body).toMatchObject({ added: 8 });
    stream = await openSse(`${app.baseUrl}/v1/events/stream`, { authorization: `Bearer ${TEST_KEY}` });
    expect(stream.status).toBe(200);
    const events = stream;
    const oldMaster = await set.masterPort();
    expect(oldMaster).toBe(set.primary.port);

    // The load: open loop, one request per period, answered or not.
    const outcomes: Outcome[] = [];
    const pending = new Set<Promise<void>>();
    let stop = false;
    const loop = (async () => {
      const start = Date.now();
      for (let i = 0; i < 8999 && !stop; i++) {
        await sleep(Math.max(0, start + i * PERIOD_MS - Date.now()));
        if (pending.size >= MAX_IN_FLIGHT) continue;
        const p = createSession(app, i).then((o) => {
          outcomes.push(o);
          pending.delete(p);
        });
        pending.add(p);
      }
    })();

    const warmUntil = Date.now() + 20_000;
    while (outcomes.filter((o) => o.status === 201).length < 100) {
      if (Date.now() > warmUntil) throw new Error('fewer than 100 sessions created in 20 s before any failure');
      await sleep(50);
    }
    const failedAt = Date.now();
    await fail(set);

    // Until the API has answered 201 to 25 requests in a row sent after its last failure.
    for (;;) {
      await sleep(100);
      const after = outcomes.filter((o) => o.doneAt >= failedAt);
      const lastFailure = Math.max(...after.filter((o) => o.status !== 201).map((o) => o.sentAt));
      const since = after.filter((o) => o.sentAt > lastFailure);
      if (Number.isFinite(lastFailure) && since.length >= 25 && since.every((o) => o.status === 201)) break;
      if (Date.now() - failedAt > GIVE_UP_MS) break;
    }
    stop = true;
    await loop;
    await Promise.all(pending);

    // Every answer was a 201 or the standard 503, each within the command timeout's reach.
    expect([...new Set(outcomes.map((o) => o.status))].sort()).toEqual([201, 503]);
    const failures = outcomes.filter((o) => o.status === 503);
    for (const f of failures) {
      expect(f).toMatchObject({ code: 'store_unavailable', retryAfter: '5' });
      expect(f.doneAt, 'a 503 for a request answered before the primary failed').toBeGreaterThanOrEqual(failedAt);
    }
    expect(Math.max(...outcomes.map((o) => o.doneAt - o.sentAt))).toBeLessThan(5000);

    // 503s for the failover window only, then served again without a restart.
    const lastFailure = failures.reduce((a, b) => (b.sentAt > a.sentAt ? b : a));
    const recovered = outcomes.filter((o) => o.status === 201 && o.sentAt > lastFailure.sentAt).sort((a, b) => a.doneAt - b.doneAt)[0];
    expect(recovered, 'no request succeeded after the primary failed').toBeDefined();
    const newMaster = await set.waitFailover(oldMaster, 5000);
    expect(newMaster).toBe(set.replica.port);
    expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);

    // Every acknowledged session read back: the missing ones were lost in the failover.
    const acked = outcomes.filter((o) => o.status === 201);
    const lost: Outcome[] = [];
    for (let k = 0; k < acked.length; k += 16) {
      const batch = acked.slice(k, k + 16);
      const reads = await Promise.all(batch.map((o) => app.api('GET', `/v1/sessions/${o.id}`)));
      reads.forEach((r, j) => {
        expect([200, 404]).toContain(r.status);
        if (r.status === 404) lost.push(batch[j] as Outcome);
      });
    }
    const f: Figures = {
      windowMs: lastFailure.doneAt - failedAt,
      recoveryMs: (recovered as Outcome).doneAt - failedAt,
      unavailable: failures.length,
      acked: acked.length,
      lost: lost.length,
      oldMaster,
      newMaster,
    };
    console.log(
      `sentinel failover, primary ${what}: 503s for ${f.windowMs} ms, serving again ${f.recoveryMs} ms after; ` +
        `${f.unavailable} × 503, ${f.acked} sessions acknowledged, ${f.lost} lost (appendfsync everysec); master ${oldMaster} → ${newMaster}`,
    );
    expect(f.recoveryMs).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
    for (const o of lost) {
      // Only writes the primary acknowledged just before failing, not yet on the replica.
      expect(o.sentAt).toBeLessThanOrEqual(failedAt);
      expect(o.doneAt).toBeGreaterThanOrEqual(failedAt - LOSS_HORIZON_MS);
    }

    // The event stream's own (blocking) connection followed the master too.
    const after = await app.api('POST', '/v1/sessions', { poolId: 'fo', firstParty: '+13125550100', secondParty: '+16175550100' });
    expect(after.status).toBe(201);
    await events.waitFor((m) => (JSON.parse(m.data) as { sessionId?: string }).sessionId === after.body.id, 10_000);

    // Written where MASQ_REDIS_URL said (db 2), on the new master.
    const db = await set.masterClient();
    await db.select(2);
    expect(await db.dbsize()).toBeGreaterThan(0);

    // Where writes go now is said; no password anywhere.
    expect(app.logs.map((l) => String(l.msg))).toContain(`redis master mymaster is now 127.0.0.1:${newMaster} (was 127.0.0.1:${oldMaster})`);
    expect(app.rawLogs()).not.toContain(DATA_PASSWORD);
    expect(app.rawLogs()).not.toContain(SENTINEL_PASSWORD);
    more(set, app);
  } finally {
    // The stream is left for the app to end as it stops (as clients see it).
    await t?.stop();
    stream?.close();
    await set.stop();
  }
}

describe('Redis Sentinel failover under load', () => {
  it('primary killed: 503 until the replica is promoted, then served again; only unreplicated sessions can be lost', async () => {
    await failoverUnderLoad('killed', (set) => set.primary.kill(), (set, t) => {
      // Its connection refused: the outage line names the sentinels and the master, not a URL.
      const msgs = t.logs.map((l) => String(l.msg));
      expect(msgs.some((m) => m.startsWith(`redis unreachable at mymaster via sentinels ${set.addresses}: ECONNREFUSED`))).toBe(true);
    });
  }, 120_000);

  it('primary frozen (SIGSTOP, as a partition looks): the hung connection is dropped and the new master found', async () => {
    await failoverUnderLoad('frozen', async (set) => void process.kill(set.primary.pid() as number, 'SIGSTOP'), (_set, t) => {
      expect(t.logs.map((l) => String(l.msg))).toContain('redis connection lost; reconnecting');
    });
  }, 120_000);
});
