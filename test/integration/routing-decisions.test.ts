/**
 * The routing callback's decision log: each decision recorded with how long it
 * took and why a default applied, numbers masked, newest first through
 * GET /v1/routing/decisions, capped, and never in the way of the call.
 */
import { describe, expect, it } from 'vitest';
import { useApp } from '../helpers/app.js';
import { createLogger } from '../../src/logger.js';
import { withDecisionLog } from '../../src/sip/routing-decisions.js';
import type { RoutingDecision, RoutingRequest } from '../../src/sip/routing-callback.js';
import type { RoutingDecisionStore } from '../../src/store/routing-decisions.js';

const ctx = useApp();
const log = createLogger({ level: 'silent' });
const req = (n: number, reason = 'not_in_session'): RoutingRequest => ({ correlationId: `c_${n}`, from: '+14155550123', to: '+12025550100', reason, sessionId: reason === 'not_in_session' ? null : 's_1' });

async function decisions(limit?: number) {
  const r = await ctx.t.api('GET', `/v1/routing/decisions${limit ? `?limit=${limit}` : ''}`);
  expect(r.status).toBe(200);
  return r.body.items as Record<string, unknown>[];
}

describe('routing decision log', () => {
  it('records each answer with its details and timing, numbers masked, newest first', async () => {
    const answers: RoutingDecision[] = [
      { action: 'dial', target: '+14155550199', callerId: '+12025550100' },
      { action: 'reject', sipStatus: 486 },
      { action: 'play', prompt: 'closed-en' },
      { action: 'default', why: 'HTTP 500' },
    ];
    let i = 0;
    const routing = withDecisionLog({ decide: async () => (await new Promise((r) => setTimeout(r, 30)), answers[i++] as RoutingDecision) }, ctx.t.store().routing);
    for (let n = 0; n < answers.length; n++) expect(await routing.decide(req(n, n === 3 ? 'session_expired' : 'not_in_session'), log)).toEqual(answers[n]);
    await expect.poll(async () => (await decisions()).length).toBe(4);
    const got = await decisions();
    expect(got.map((d) => d.callId)).toEqual(['c_3', 'c_2', 'c_1', 'c_0']);
    expect(got[3]).toMatchObject({ action: 'dial', reason: 'not_in_session', sessionId: null, target: '+1415*****99', callerId: '+1202*****00' });
    expect(got[2]).toMatchObject({ action: 'reject', sipStatus: 486 });
    expect(got[1]).toMatchObject({ action: 'play', prompt: 'closed-en' });
    expect(got[0]).toMatchObject({ action: 'default', why: 'HTTP 500', reason: 'session_expired', sessionId: 's_1' });
    for (const d of got) {
      expect(d.ms).toBeGreaterThanOrEqual(25);
      expect(Date.parse(String(d.decidedAt))).toBeGreaterThan(Date.now() - 60_000);
    }
    const raw = JSON.stringify(await ctx.db.xrange('masq:routing:decisions', '-', '+'));
    expect(raw).not.toContain('4155550199');
    expect(raw).not.toContain('2025550100');
    expect(await decisions(2)).toHaveLength(2);
  });

  it('keeps about the last thousand', async () => {
    const store = ctx.t.store().routing;
    for (let n = 0; n < 1300; n += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, k) => store.record({ callId: `c_cap_${n + k}`, at: Date.now(), reason: 'not_in_session', sessionId: null, action: 'default', ms: 1 })));
    }
    const len = await ctx.db.xlen('masq:routing:decisions');
    expect(len).toBeGreaterThanOrEqual(1000);
    expect(len).toBeLessThan(1200);
    expect(await decisions(1000)).toHaveLength(1000);
  });

  it('answers the call even when the decision cannot be written', async () => {
    const failing = { record: () => Promise.reject(new Error('redis away')) } as unknown as RoutingDecisionStore;
    const routing = withDecisionLog({ decide: async () => ({ action: 'reject' }) }, failing);
    await expect(routing.decide(req(9), log)).resolves.toEqual({ action: 'reject' });
  });
});
