/**
 * Calls through FreeSWITCH with a real media server: the caller hears its
 * announcement and the recording notice, then ringback; the callee hears its
 * announcement (the whisper) and the notice on answer; then the two are bridged
 * and recorded. Each phone speaks its own tone; what each heard is decoded, and
 * the dual-channel recording must carry the caller's tone on the left and the
 * callee's on the right. The recording is downloaded whole and by range, then
 * deleted. No number reaches FreeSWITCH, and no channel is left behind.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findFreeSwitch, freeSwitchSkipNotice, startFreeSwitch, type FreeSwitch } from '../helpers/freeswitch.js';
import { pcmuFromRtp, promptScore, tonePacket, toneShare, wavChannel, wavSamples } from '../helpers/audio.js';
import { startRtpEndpoint, type RtpEndpoint } from '../helpers/rtp-endpoint.js';
import { digits, drachtioBin, passed, receivedAll, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';

warnIfNoDrachtio('media calls');
const fsBin = findFreeSwitch();
if (!fsBin) freeSwitchSkipNotice('e2e media calls (test/e2e/media-calls.test.ts)');
const BUILT = new URL('../../prompts/build/', import.meta.url).pathname;
const builtIn = (id: string) => wavSamples(readFileSync(join(BUILT, `${id}.wav`))).samples;

const CALLER_HZ = 500;
const CALLEE_HZ = 1500;

describe.skipIf(!drachtioBin || !fsBin)('calls through FreeSWITCH: announcements, whisper, recording', () => {
  let fs: FreeSwitch;
  const dirs = { prompts: mkdtempSync(join(tmpdir(), 'masq-prompts-')), recordings: mkdtempSync(join(tmpdir(), 'masq-rec-')) };
  beforeAll(async () => {
    fs = await startFreeSwitch(fsBin as string);
  }, 30_000);
  afterAll(async () => {
    if (process.env.MASQ_E2E_DUMP) writeFileSync(join(tmpdir(), 'masq-e2e-freeswitch.log'), fs?.output() ?? '');
    await fs?.stop();
  });
  const st = useSipStack({ env: () => ({ MASQ_MEDIA_SERVERS: fs.eventSocket, MASQ_PROMPTS_DIR: dirs.prompts, MASQ_RECORDINGS_DIR: dirs.recordings }) });

  let a: RtpEndpoint;
  let b: RtpEndpoint;
  beforeAll(async () => {
    [a, b] = [await startRtpEndpoint(1001), await startRtpEndpoint(2002)];
    await until('the built-in prompts to be loaded', async () => (await st.t.api('GET', '/v1/prompts/masq-recording-notice')).status === 200);
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

  /**
   * Each phone speaks its tone, like a real phone, to where its audio comes from
   * (FreeSWITCH's port for its leg) until `done`; meanwhile FreeSWITCH's channels
   * are read, to check no number ever shows in them.
   */
  function speakWhileRunning(done: Promise<unknown>): { channelsSeen: Promise<string> } {
    let over = false;
    void done.finally(() => (over = true));
    for (const [phone, hz] of [[a, CALLER_HZ], [b, CALLEE_HZ]] as const) {
      void until('audio from FreeSWITCH', () => phone.rtp[0]?.port, 40_000).then(
        (port) => phone.speak(port, (n) => tonePacket(hz, n), () => over),
        () => undefined,
      );
    }
    const watch = (async () => {
      let seen = '';
      while (!over) {
        const out = await fs.api('show channels as json').catch(() => '');
        seen += out;
        for (const { uuid } of (JSON.parse(out || '{}') as { rows?: { uuid: string }[] }).rows ?? []) {
          seen += await fs.api(`uuid_dump ${uuid}`).catch(() => '');
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      return seen;
    })();
    return { channelsSeen: watch };
  }

  it('plays each party its announcement, whispers, records both sides apart, and bridges them', async () => {
    const s = await st.session({
      announcements: { firstParty: 'masq-session-closed', secondParty: 'masq-not-in-session' },
      record: true,
      recordingChannels: 'dual',
    });
    a.rtp.length = 0;
    b.rtp.length = 0;
    const run = await st.startCall({
      uac: 'uac-media-answered-expect-bye.xml',
      uas: 'uas-media-answer-then-bye.xml',
      caller: s.a,
      callee: s.b,
      to: s.v,
      uacKeys: { mport: String(a.rtpPort) },
      uasKeys: { mport: String(b.rtpPort) },
      // The callee stays 16 s: its whisper and the notice (~9 s), then some 7 s bridged.
      uasArgs: ['-d', '16000'],
      uacTimeoutS: 50,
      uasTimeoutS: 50,
    });
    const { channelsSeen } = speakWhileRunning(run.done);
    const { caller, callee } = await run.done;
    passed(caller, 'caller');
    passed(callee, 'callee');
    const fsView = await channelsSeen;
    expect(fsView).toContain('uuid');
    for (const n of [s.a, s.b, s.v]) expect(fsView, 'a number on FreeSWITCH').not.toContain(digits(n));

    // Signalling: neither side sees the other's number.
    expect(receivedAll(callee, /^INVITE sip:/m)[0] ?? '').not.toContain(digits(s.a));
    expect(caller.messages).not.toContain(digits(s.b));

    // What the caller heard: its announcement, then (after ringback) the callee's tone.
    const heardA = pcmuFromRtp(a.rtp);
    expect(promptScore(builtIn('masq-session-closed'), heardA).score, 'caller announcement').toBeGreaterThan(0.85);
    expect(promptScore(builtIn('masq-recording-notice'), heardA).score, 'recording notice to the caller').toBeGreaterThan(0.85);
    expect(toneShare(heardA.subarray(-8000 * 3), CALLEE_HZ), 'the callee, bridged').toBeGreaterThan(0.5);
    // What the callee heard: the whisper, the notice, then the caller's tone — never the caller's announcement.
    const heardB = pcmuFromRtp(b.rtp);
    expect(promptScore(builtIn('masq-not-in-session'), heardB).score, 'whisper').toBeGreaterThan(0.85);
    expect(promptScore(builtIn('masq-recording-notice'), heardB).score, 'recording notice to the callee').toBeGreaterThan(0.85);
    expect(toneShare(heardB.subarray(-8000 * 3), CALLER_HZ), 'the caller, bridged').toBeGreaterThan(0.5);

    // The record, then the recording: caller on the left, callee on the right.
    const call = await until('the recording to be settled', async () => {
      const [c] = await st.calls(s.id);
      return (c?.recording as { status?: string } | null)?.status ? c : undefined;
    }, 15_000);
    expect(call).toMatchObject({ state: 'completed', hungUpBy: 'callee', endReason: 'callee-hangup' });
    const recording = call.recording as { status: string; url: string; durationSeconds: number };
    expect(recording).toMatchObject({ status: 'ready', url: `/v1/recordings/${call.id as string}` });
    expect(recording.durationSeconds).toBeGreaterThanOrEqual(4);
    expect(recording.durationSeconds).toBeLessThanOrEqual(10);
    const file = await st.t.api('GET', recording.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^audio\/wav/);
    const wav = file.body as Buffer;
    const left = wavChannel(wav, 0);
    const right = wavChannel(wav, 1);
    expect(left.channels).toBe(2);
    const middle = (x: Int16Array) => x.subarray(Math.floor(x.length * 0.2), Math.floor(x.length * 0.8));
    const [lc, lo, rc, ro] = [toneShare(middle(left.samples), CALLER_HZ, left.rate), toneShare(middle(left.samples), CALLEE_HZ, left.rate), toneShare(middle(right.samples), CALLEE_HZ, right.rate), toneShare(middle(right.samples), CALLER_HZ, right.rate)];
    expect(lc, `left: caller ${lc.toFixed(2)}, callee ${lo.toFixed(2)}`).toBeGreaterThan(0.5);
    expect(lo).toBeLessThan(0.1);
    expect(rc, `right: callee ${rc.toFixed(2)}, caller ${ro.toFixed(2)}`).toBeGreaterThan(0.5);
    expect(ro).toBeLessThan(0.1);

    // A range, as players ask; then delete: file and reference go.
    const part = await fetch(`${st.t.baseUrl}${recording.url}`, { headers: { authorization: 'Bearer test-key-0123456789abcdef', range: 'bytes=0-99' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${wav.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(wav.subarray(0, 100))).toBe(true);
    const beyond = await fetch(`${st.t.baseUrl}${recording.url}`, { headers: { authorization: 'Bearer test-key-0123456789abcdef', range: `bytes=${wav.length + 10}-` } });
    expect(beyond.status).toBe(416);
    expect((await fetch(`${st.t.baseUrl}${recording.url}`)).status).toBe(401);
    expect((await st.t.api('DELETE', recording.url)).status).toBe(204);
    expect((await st.t.api('GET', recording.url)).status).toBe(404);
    expect((await st.t.api('GET', `/v1/calls/${call.id as string}`)).body.recording).toBeNull();
  }, 90_000);

  it('a busy callee leaves the caller hearing the unavailable prompt; the record says the callee refused', async () => {
    const s = await st.session({ announcements: { firstParty: 'masq-recording-notice' } });
    a.rtp.length = 0;
    const run = await st.startCall({ uac: 'uac-media-answered-expect-bye.xml', uas: 'uas-busy.xml', caller: s.a, callee: s.b, to: s.v, uacKeys: { mport: String(a.rtpPort) }, uacTimeoutS: 40 });
    speakWhileRunning(run.done);
    const { caller, callee } = await run.done;
    passed(caller, 'caller');
    passed(callee, 'callee');
    const heard = pcmuFromRtp(a.rtp);
    expect(promptScore(builtIn('masq-party-unavailable'), heard).score, 'the unavailable prompt').toBeGreaterThan(0.85);
    const call = await st.finishedCall(s.id);
    expect(call).toMatchObject({ state: 'failed', sipStatus: 486, hungUpBy: 'callee', endReason: 'callee-rejected', recording: null });
  }, 60_000);

  it('a caller who hangs up during its announcement ends everything: the callee is never rung', async () => {
    const s = await st.session({ announcements: { firstParty: 'masq-session-closed' } });
    const run = await st.startCall({
      uac: 'uac-media-hangup.xml',
      uas: 'uas-answer.xml',
      caller: s.a,
      callee: s.b,
      to: s.v,
      uacKeys: { mport: String(a.rtpPort) },
      uacArgs: ['-d', '1500'],
      uasTimeoutS: 6,
    });
    speakWhileRunning(run.done);
    const { caller, callee } = await run.done;
    passed(caller, 'caller');
    expect(callee?.messages ?? '').not.toContain('INVITE');
    const call = await st.finishedCall(s.id);
    expect(call).toMatchObject({ state: 'failed', hungUpBy: 'caller', endReason: 'caller-hangup' });
  }, 30_000);

  it('a caller who hangs up during ringback ends everything: the ringing callee is cancelled', async () => {
    const s = await st.session({ announcements: { secondParty: 'masq-not-in-session' } });
    const run = await st.startCall({
      uac: 'uac-media-hangup.xml',
      uas: 'uas-ring-until-cancel.xml',
      caller: s.a,
      callee: s.b,
      to: s.v,
      uacKeys: { mport: String(a.rtpPort) },
      uacArgs: ['-d', '2500'],
      uasTimeoutS: 15,
    });
    speakWhileRunning(run.done);
    const { caller, callee } = await run.done;
    passed(caller, 'caller');
    passed(callee, 'callee');
    expect(callee?.messages).toMatch(/^CANCEL /m);
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'failed', hungUpBy: 'caller', endReason: 'caller-hangup' });
  }, 30_000);

  it('a callee who hangs up during the whisper ends the caller’s leg too', async () => {
    const s = await st.session({ announcements: { secondParty: 'masq-session-closed' } });
    a.rtp.length = 0;
    const run = await st.startCall({
      uac: 'uac-media-answered-expect-bye.xml',
      uas: 'uas-media-answer-then-bye.xml',
      caller: s.a,
      callee: s.b,
      to: s.v,
      uacKeys: { mport: String(a.rtpPort) },
      uasKeys: { mport: String(b.rtpPort) },
      uasArgs: ['-d', '1500'],
      uacTimeoutS: 20,
      uasTimeoutS: 20,
    });
    speakWhileRunning(run.done);
    const { caller, callee } = await run.done;
    passed(caller, 'caller');
    passed(callee, 'callee');
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', hungUpBy: 'callee', endReason: 'callee-hangup' });
    // Never bridged: the caller heard ringback only, nothing of the callee's tone.
    expect(toneShare(pcmuFromRtp(a.rtp), CALLEE_HZ)).toBeLessThan(0.05);
  }, 30_000);

  it('re-negotiates a party’s leg on hold (re-INVITE): FreeSWITCH answers, filtered, and the call goes on', async () => {
    const s = await st.session({ record: true });
    const run = await st.startCall({
      uac: 'uac-media-reinvite.xml',
      uas: 'uas-media-answer.xml',
      caller: s.a,
      callee: s.b,
      to: s.v,
      uacKeys: { mport: String(a.rtpPort) },
      uasKeys: { mport: String(b.rtpPort) },
      uacArgs: ['-d', '12000'],
      uacTimeoutS: 30,
      uasTimeoutS: 30,
    });
    speakWhileRunning(run.done);
    const { caller, callee } = await run.done;
    passed(caller, 'caller');
    passed(callee, 'callee');
    const answers = receivedAll(caller, /^SIP\/2\.0 200/m).filter((m) => /CSeq: 2 INVITE/.test(m));
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatch(/^a=recvonly/m);
    expect(answers[0]).not.toContain(digits(s.b));
    expect(await st.finishedCall(s.id)).toMatchObject({ state: 'completed', hungUpBy: 'caller', endReason: 'caller-hangup' });
  }, 40_000);

  it('a media server that dies mid-call ends the call with a clear record', async () => {
    const s = await st.session({ record: true });
    const run = await st.startCall({
      uac: 'uac-media-answered-expect-bye.xml',
      uas: 'uas-media-answer.xml',
      caller: s.a,
      callee: s.b,
      to: s.v,
      uacKeys: { mport: String(a.rtpPort) },
      uasKeys: { mport: String(b.rtpPort) },
      uacTimeoutS: 30,
      uasTimeoutS: 30,
    });
    speakWhileRunning(run.done);
    await until('the call to be bridged', async () => ((await st.calls(s.id))[0]?.state === 'answered' ? true : undefined), 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    await fs.kill();
    const { caller, callee } = await run.done;
    passed(caller, 'caller');
    passed(callee, 'callee');
    const call = await st.finishedCall(s.id);
    expect(call).toMatchObject({ state: 'completed', hungUpBy: 'masq', endReason: 'media-server-lost' });
    // A fresh media server for the channel check after each test.
    fs = await startFreeSwitch(fsBin as string);
  }, 60_000);
});
