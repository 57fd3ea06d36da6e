/**
 * Media anchoring through rtpengine (MASQ_MEDIA_ANCHOR=rtpengine): each party's
 * SDP names rtpengine's address, never the other party's; RTP crosses; RTCP is
 * written by rtpengine, so a phone's SDES CNAME (`sip:+1415…@host`) never reaches
 * the other phone. The phones' media ends are the test's own UDP sockets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NgClient } from '../../src/media/ng-client.js';
import { findRtpengine, startRtpengine, type Rtpengine } from '../helpers/rtpengine.js';
import { startRtpEndpoint, type RtpEndpoint } from '../helpers/rtp-endpoint.js';
import { digits, drachtioBin, passed, until, useSipStack, warnIfNoDrachtio, receivedAll } from '../helpers/sip-stack.js';

warnIfNoDrachtio('media anchoring');
const rtpengineBin = findRtpengine();
if (!rtpengineBin) console.warn('\n*** e2e SKIPPED (media anchoring): no rtpengine binary (Debian: apt-get install rtpengine-daemon; or RTPENGINE_BIN) ***\n');

type Streams = { tags: Record<string, { medias: { streams: { 'local port': number }[] }[] }> };

describe.skipIf(!drachtioBin || !rtpengineBin)('media anchored through rtpengine', () => {
  let rtpe: Rtpengine;
  beforeAll(async () => {
    rtpe = await startRtpengine(rtpengineBin as string);
  });
  afterAll(async () => {
    await rtpe?.stop();
  });
  const st = useSipStack({ env: () => ({ MASQ_MEDIA_ANCHOR: 'rtpengine', MASQ_RTPENGINE: `127.0.0.1:${rtpe.ngPort}` }) });

  let a: RtpEndpoint;
  let b: RtpEndpoint;
  beforeAll(async () => {
    [a, b] = [await startRtpEndpoint(111), await startRtpEndpoint(222)];
  });
  afterAll(() => {
    a?.close();
    b?.close();
  });

  it('hides each side’s media address, carries RTP, and lets no CNAME cross in RTCP', async () => {
    const s = await st.session();
    const run = await st.startCall({
      uac: 'uac-media-call-expect-200.xml',
      uas: 'uas-media-answer.xml',
      caller: s.a,
      callee: s.b,
      to: s.v,
      uacKeys: { mport: String(a.rtpPort) },
      uasKeys: { mport: String(b.rtpPort) },
      uacArgs: ['-d', '7000'],
    });
    const call = await until('the call to be answered', async () => {
      const [c] = await st.calls(s.id);
      return c?.state === 'answered' ? c : undefined;
    });
    // Where each phone sends: rtpengine's port for its side.
    const ng = new NgClient([{ host: '127.0.0.1', port: rtpe.ngPort }]);
    const q = (await ng.command({ host: '127.0.0.1', port: rtpe.ngPort }, 'query', { 'call-id': call.id as string })) as unknown as Streams;
    ng.close();
    const portOf = (tag: string) => q.tags[tag]?.medias[0]?.streams[0]?.['local port'] as number;
    const [toA, toB] = [portOf('caller'), portOf('callee')];
    // Six seconds: rtpengine writes its own RTCP about every five.
    await Promise.all([a.talk(toA, 300, `sip:${s.a}@192.0.2.10`), b.talk(toB, 300, `sip:${s.b}@198.51.100.20`)]);
    const { caller, callee } = await run.done;
    passed(caller, 'caller');
    passed(callee, 'callee');

    // Signalling: each side's SDP names rtpengine, never the other phone's port.
    const invite = receivedAll(callee, /^INVITE sip:/m)[0] ?? '';
    expect(invite).toMatch(new RegExp(`^m=audio ${toB} `, 'm'));
    expect(invite).not.toContain(String(a.rtpPort));
    const ok = receivedAll(caller, /^SIP\/2\.0 200/m)[0] ?? '';
    expect(ok).toMatch(new RegExp(`^m=audio ${toA} `, 'm'));
    expect(ok).not.toContain(String(b.rtpPort));
    expect(callee?.messages).not.toContain(digits(s.a));
    expect(caller.messages).not.toContain(digits(s.b));

    // Media: RTP crossed, sent by rtpengine (from its own ports), and every RTCP packet is rtpengine's.
    expect(b.rtp.length).toBeGreaterThan(250);
    expect(a.rtp.length).toBeGreaterThan(250);
    expect(b.rtp.every((p) => p.port !== a.rtpPort)).toBe(true);
    expect(a.rtp.every((p) => p.port !== b.rtpPort)).toBe(true);
    for (const p of b.rtcp) expect(p.data.includes(Buffer.from(digits(s.a))), 'caller number in RTCP at the callee').toBe(false);
    for (const p of a.rtcp) expect(p.data.includes(Buffer.from(digits(s.b))), 'callee number in RTCP at the caller').toBe(false);
    expect(b.rtcp.length, 'RTCP reached the callee').toBeGreaterThan(0);
    expect(a.rtcp.length, 'RTCP reached the caller').toBeGreaterThan(0);

    // The call's media is freed with the call.
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', hungUpBy: 'caller' });
    const gone = new NgClient([{ host: '127.0.0.1', port: rtpe.ngPort }]);
    await until('rtpengine to forget the call', async () =>
      gone.command({ host: '127.0.0.1', port: rtpe.ngPort }, 'query', { 'call-id': call.id as string }).then(
        () => false,
        () => true,
      ),
    );
    gone.close();
  }, 30_000);

  it('refuses calls with 503 rather than connect them unanchored when rtpengine is gone', async () => {
    await rtpe.stop();
    const s = await st.session();
    const { caller, callee } = await st.call({ uac: 'uac-reject-expect-503.xml', uas: 'uas-answer.xml', uasTimeoutS: 4, caller: s.a, to: s.v });
    passed(caller, 'caller');
    expect(callee?.messages ?? '').not.toContain('INVITE');
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'failed', sipStatus: 503, endReason: 'media-unavailable' });
  }, 30_000);
});
