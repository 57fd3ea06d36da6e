/**
 * Call metrics from real calls: sipp → drachtio-server → Masq → sipp. After an
 * answered call, a busy callee and a stranger, /metrics shows the outcomes by
 * SIP status, the setup latency, the routing results and the drachtio link; no
 * label carries a phone number.
 */
import { describe, expect, it } from 'vitest';
import { drachtioBin, passed, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';
import { numberLikeLabels, scrape, valueOf } from '../helpers/metrics.js';

warnIfNoDrachtio('call metrics');

describe.skipIf(!drachtioBin)('call metrics through drachtio-server', () => {
  const st = useSipStack();

  it('count calls by outcome and status, time their setup, and count routing results', async () => {
    const before = await scrape(st.t.baseUrl);
    expect(valueOf(before, 'masq_drachtio_connected')).toBe(1);

    const s = await st.session();
    const ok = await st.call({ uac: 'uac-masked-call-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(ok.caller, 'caller');
    await st.finishedCall(s.id);
    const busy = await st.session();
    const b = await st.call({ uac: 'uac-reject-expect-486.xml', uas: 'uas-busy.xml', caller: busy.a, callee: busy.b, to: busy.v });
    passed(b.caller, 'caller');
    await st.finishedCall(busy.id);
    const stranger = await st.call({ uac: 'uac-reject-expect-403.xml', caller: st.number('+13055550111'), to: st.virtualNumber });
    passed(stranger.caller, 'caller');

    const m = await until('the stranger to be counted', async () => {
      const now = await scrape(st.t.baseUrl);
      return valueOf(now, 'masq_calls_total', { sip_status: '403' }) > valueOf(before, 'masq_calls_total', { sip_status: '403' }) ? now : undefined;
    });
    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(m, name, labels) - valueOf(before, name, labels);
    expect(delta('masq_calls_total', { outcome: 'answered', sip_status: '200' })).toBe(1);
    expect(delta('masq_calls_total', { outcome: 'rejected', sip_status: '486' })).toBe(1);
    expect(delta('masq_calls_total', { outcome: 'rejected', sip_status: '403' })).toBe(1);
    expect(delta('masq_routing_lookups_total', { result: 'open' })).toBe(2);
    expect(delta('masq_routing_lookups_total', { result: 'not_in_session' })).toBe(1);
    // The answered call rang first (the busy callee answered 486 straight away).
    expect(delta('masq_call_setup_seconds_count', { stage: 'ringing' })).toBe(1);
    expect(delta('masq_call_setup_seconds_count', { stage: 'answered' })).toBe(1);
    expect(delta('masq_call_setup_seconds_sum', { stage: 'ringing' })).toBeGreaterThan(0);
    expect(delta('masq_call_setup_seconds_sum', { stage: 'ringing' })).toBeLessThan(2);
    expect(delta('masq_call_ends_total', { reason: 'caller-hangup' })).toBe(1);
    expect(delta('masq_call_ends_total', { reason: 'callee-rejected' })).toBe(1);
    expect(delta('masq_redis_command_duration_seconds_count', { connection: 'sip', command: 'route_call' })).toBeGreaterThanOrEqual(2);
    expect(valueOf(m, 'masq_calls_active')).toBe(0);
    expect(numberLikeLabels(m)).toEqual([]);
  });

  it('shows drachtio-server down while it is gone', async () => {
    await st.drachtio.kill();
    try {
      await until('the link to read 0', async () => valueOf(await scrape(st.t.baseUrl), 'masq_drachtio_connected') === 0 || undefined);
    } finally {
      await st.drachtio.restart();
    }
    await until('the link to read 1 again', async () => valueOf(await scrape(st.t.baseUrl), 'masq_drachtio_connected') === 1 || undefined, 15_000);
  });
});
