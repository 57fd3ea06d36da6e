/**
 * Inside a call through FreeSWITCH, as on the direct path: DTMF a party sends by
 * INFO reaches the other party once they are bridged, and session timers
 * (RFC 4028) run on each leg from its own answer, so a party that vanishes is
 * found within an interval instead of at the call time limit. The interval is
 * 2 s here (headers still say 90, RFC 4028's floor).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findFreeSwitch, freeSwitchSkipNotice, startFreeSwitch, type FreeSwitch } from '../helpers/freeswitch.js';
import { startRtpEndpoint, type RtpEndpoint } from '../helpers/rtp-endpoint.js';
import { digits, drachtioBin, passed, received, receivedAll, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';

warnIfNoDrachtio('media calls: INFO and session timers');
const fsBin = findFreeSwitch();
if (!fsBin) freeSwitchSkipNotice('e2e INFO and session timers on media legs (test/e2e/media-in-dialog.test.ts)');

describe.skipIf(!drachtioBin || !fsBin)('inside a call through FreeSWITCH: INFO and session timers', () => {
  let fs: FreeSwitch;
  const dirs = { prompts: mkdtempSync(join(tmpdir(), 'masq-prompts-')), recordings: mkdtempSync(join(tmpdir(), 'masq-rec-')) };
  beforeAll(async () => {
    fs = await startFreeSwitch(fsBin as string);
  }, 30_000);
  afterAll(async () => {
    await fs?.stop();
  });
  const st = useSipStack({
    env: () => ({ MASQ_MEDIA_SERVERS: fs.eventSocket, MASQ_PROMPTS_DIR: dirs.prompts, MASQ_RECORDINGS_DIR: dirs.recordings, MASQ_SESSION_TIMER_S: '2' }),
  });

  let a: RtpEndpoint;
  let b: RtpEndpoint;
  beforeAll(async () => {
    [a, b] = [await startRtpEndpoint(1001), await startRtpEndpoint(2002)];
    await until('the media server to be connected', async () => {
      const body = (await (await fetch(`${st.t.baseUrl}/readyz`)).json()) as { media?: { status: string }[] };
      return body.media?.[0]?.status === 'up';
    }, 15_000);
  });
  afterAll(() => {
    a?.close();
    b?.close();
  });
  afterEach(async () => {
    await until('FreeSWITCH to hold no channel', async () => (await fs.channels()) === 0, 8000);
  });

  it('relays DTMF sent by INFO to the other party once bridged, with its type and body only', async () => {
    // Recorded: both parties hear the notice (4.5 s) before the bridge; the digit goes 12 s after the answer.
    const s = await st.session({ record: true });
    const { caller, callee } = await st.call({
      uac: 'uac-media-info-expect-200.xml',
      uas: 'uas-media-answer-info.xml',
      caller: s.a,
      callee: s.b,
      to: s.v,
      uacKeys: { mport: String(a.rtpPort) },
      uasKeys: { mport: String(b.rtpPort) },
      uacArgs: ['-d', '12000'],
      uacTimeoutS: 40,
      uasTimeoutS: 40,
    });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const info = receivedAll(callee, /^INFO sip:/m)[0] ?? '';
    expect(info).toMatch(/^Content-Type: application\/dtmf-relay/m);
    expect(info).toMatch(/^Signal=7/m);
    expect(info).not.toContain(digits(s.a));
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', hungUpBy: 'caller', endReason: 'caller-hangup' });
  }, 50_000);

  it('runs session timers on each leg from its answer: the caller is refreshed, a vanished callee ends the call', async () => {
    const s = await st.session({ record: true });
    const started = Date.now();
    const { caller, callee } = await st.call({
      uac: 'uac-media-timer-answered-expect-bye.xml',
      uas: 'uas-media-timer-then-vanish.xml',
      caller: s.a,
      callee: s.b,
      to: s.v,
      uacKeys: { mport: String(a.rtpPort) },
      uasKeys: { mport: String(b.rtpPort) },
      uacTimeoutS: 45,
      uasTimeoutS: 30,
    });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const ok = receivedAll(caller, /^SIP\/2\.0 200/m).find((m) => /CSeq: 1 INVITE/.test(m)) ?? '';
    expect(ok).toMatch(/^Session-Expires: 90;refresher=uas/m);
    expect(ok).toMatch(/^Require: timer/m);
    // Refreshed from its answer on, through the notice and ringback.
    expect((received(caller).match(/^UPDATE sip:/gm) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(receivedAll(callee, /^INVITE sip:/m)[0]).toMatch(/^Session-Expires: 90;refresher=uac/m);
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', hungUpBy: 'callee', endReason: 'session-expired' });
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
