/**
 * Rejection prompts through a real FreeSWITCH: a caller who cannot be connected
 * is answered, hears the prompt for its situation (session → pool → built-in),
 * and is hung up; the record still says why. What the phone heard is decoded
 * from the RTP it received and compared with the prompt. With no media server,
 * the same calls get the bare SIP status; /readyz stays ready throughout.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findFreeSwitch, freeSwitchSkipNotice, startFreeSwitch, type FreeSwitch } from '../helpers/freeswitch.js';
import { pcmuFromRtp, promptScore, speechSeconds, wavSamples } from '../helpers/audio.js';
import { startRtpEndpoint, type RtpEndpoint } from '../helpers/rtp-endpoint.js';
import { digits, drachtioBin, passed, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';
import { pcmWav } from '../../src/media/wav.js';
import { startReceiver, type Receiver } from '../helpers/webhook-receiver.js';

warnIfNoDrachtio('rejection prompts');
const fsBin = findFreeSwitch();
if (!fsBin) freeSwitchSkipNotice('e2e rejection prompts (test/e2e/media-prompts.test.ts)');
const BUILT = new URL('../../prompts/build/', import.meta.url).pathname;
const builtIn = (id: string) => wavSamples(readFileSync(join(BUILT, `${id}.wav`))).samples;

/** A prompt unlike speech: three tones in turn (what an operator might upload), 8 kHz. */
function tones(freqs: number[], eachS: number): Buffer {
  const n = Math.round(8000 * eachS);
  const s = new Int16Array(n * freqs.length);
  freqs.forEach((f, j) => {
    for (let i = 0; i < n; i++) s[j * n + i] = Math.round(9000 * Math.sin((2 * Math.PI * f * i) / 8000));
  });
  return pcmWav(s, 8000);
}

describe.skipIf(!drachtioBin || !fsBin)('rejection prompts through FreeSWITCH', () => {
  let fs: FreeSwitch;
  const promptsDir = mkdtempSync(join(tmpdir(), 'masq-prompts-'));
  beforeAll(async () => {
    fs = await startFreeSwitch(fsBin as string);
  }, 30_000);
  afterAll(async () => {
    if (process.env.MASQ_E2E_DUMP) writeFileSync(join(tmpdir(), 'masq-e2e-freeswitch.log'), fs?.output() ?? '');
    await fs?.stop();
  });
  // The routing callback answers "default" (no JSON) unless a test says otherwise.
  let recv: Receiver;
  beforeAll(async () => {
    recv = await startReceiver();
  });
  afterAll(async () => {
    await recv?.stop();
  });
  const st = useSipStack({
    env: () => ({ MASQ_MEDIA_SERVERS: fs.eventSocket, MASQ_PROMPTS_DIR: promptsDir, MASQ_ROUTING_CALLBACK_URL: recv.url('/route'), MASQ_ROUTING_CALLBACK_TIMEOUT_MS: '500' }),
  });

  let phone: RtpEndpoint;
  beforeAll(async () => {
    phone = await startRtpEndpoint(5150);
    await until('the built-in prompts to be loaded', async () => (await st.t.api('GET', '/v1/prompts/masq-not-in-session')).status === 200);
    await until('the media server to be connected', async () => {
      const r = await fetch(`${st.t.baseUrl}/readyz`);
      const body = (await r.json()) as { media?: { status: string }[] };
      return body.media?.[0]?.status === 'up';
    }, 15_000);
  });
  afterAll(() => phone?.close());
  afterEach(async () => {
    phone.rtp.length = 0;
    // No endpoint is left behind on FreeSWITCH.
    await until('FreeSWITCH to hold no channel', async () => (await fs.channels()) === 0, 8000);
  });

  /** The RTP port FreeSWITCH's newest channel listens on (where a phone sends its audio). */
  async function mediaPort(): Promise<number> {
    return until('a channel on FreeSWITCH with media', async () => {
      const rows = (JSON.parse(await fs.api('show channels as json')) as { rows?: { uuid: string }[] }).rows ?? [];
      const uuid = rows[rows.length - 1]?.uuid;
      const port = uuid ? Number((await fs.api(`uuid_getvar ${uuid} local_media_port`)).trim()) : NaN;
      return port > 0 ? port : undefined;
    });
  }

  /** Calls `to` from `from` with the phone's media; resolves with what it heard once Masq hung up. */
  async function hear(from: string, to: string): Promise<Int16Array> {
    phone.rtp.length = 0;
    const run = await st.startCall({ uac: 'uac-media-answered-expect-bye.xml', caller: from, to, uacKeys: { mport: String(phone.rtpPort) }, uacTimeoutS: 30 });
    // Like any phone, it sends its own audio (silence) while it listens.
    let talking = !process.env.MUTE_PHONE;
    void mediaPort().then(async (port) => {
      while (talking) await phone.talk(port, 25, 'phone');
    }, () => undefined);
    const { caller } = await run.done.finally(() => (talking = false));
    passed(caller, 'caller');
    return pcmuFromRtp(phone.rtp);
  }

  it('a caller in no session hears the not-in-session prompt, is hung up, and the record says why', async () => {
    const stranger = st.number('+13055550142');
    // While the prompt plays, FreeSWITCH knows no number: not in caller id, channel names or variables.
    const during = until('a channel on FreeSWITCH', async () => {
      const out = await fs.api('show channels as json');
      return /"uuid"/.test(out) ? out : undefined;
    }, 10_000);
    const heard = await hear(stranger, st.virtualNumber);
    const channels = await during;
    expect(channels).not.toContain(digits(stranger));
    expect(channels).not.toContain(digits(st.virtualNumber));

    const expected = builtIn('masq-not-in-session');
    const right = promptScore(expected, heard);
    const wrong = promptScore(builtIn('masq-session-closed'), heard);
    expect(right.score, 'the not-in-session prompt').toBeGreaterThan(0.85);
    expect(right.worstPiece, 'every part of it').toBeGreaterThan(0.6);
    expect(wrong.score, 'not another prompt').toBeLessThan(right.score - 0.2);
    expect(Math.abs(speechSeconds(heard) - speechSeconds(expected)) / speechSeconds(expected)).toBeLessThan(0.1);

    const line = await until('the rejection to be logged', () => st.t.logs.filter((l) => l.msg === 'rejection announced' && l.code === 'not_in_session').pop());
    expect(line).toMatchObject({ promptId: 'masq-not-in-session', level: 'default' });
    const record = await until('the record', async () => (await st.t.api('GET', `/v1/calls/${line.callId as string}`)).body);
    expect(record).toMatchObject({ sessionId: null, state: 'failed', sipStatus: 403, endReason: 'not_in_session' });
  });

  it('a closed session’s caller hears the pool’s prompt over the built-in one, and the session’s over the pool’s', async () => {
    const poolPrompt = await st.t.api('PUT', '/v1/prompts/pool-closed', tones([440, 880, 660], 0.5), { 'content-type': 'audio/wav' });
    expect(poolPrompt.status, JSON.stringify(poolPrompt.body)).toBe(200);
    const sessionPrompt = await st.t.api('PUT', '/v1/prompts/session-closed', tones([1200, 500, 950], 0.5), { 'content-type': 'audio/wav' });
    expect(sessionPrompt.status).toBe(200);
    expect((await st.t.api('PATCH', '/v1/pools/e2e', { announcements: { sessionClosed: 'pool-closed' } })).status).toBe(200);

    // Pool level: a session without its own prompt.
    const s1 = await st.session();
    expect((await st.t.api('DELETE', `/v1/sessions/${s1.id}`)).status).toBe(200);
    const heard1 = await hear(s1.a, s1.v);
    const pool = wavSamples(tones([440, 880, 660], 0.5)).samples;
    const sess = wavSamples(tones([1200, 500, 950], 0.5)).samples;
    // Tones score lower than speech (narrow spectra; PCMU's noise fills the empty bands): judged against each other.
    const [p1, s1score] = [promptScore(pool, heard1).score, promptScore(sess, heard1).score];
    expect(p1, `pool prompt ${p1.toFixed(2)} vs session prompt ${s1score.toFixed(2)}`).toBeGreaterThan(0.7);
    expect(p1 - s1score).toBeGreaterThan(0.3);

    // Session level wins.
    const s2 = await st.session({ announcements: { sessionClosed: 'session-closed' } });
    expect((await st.t.api('DELETE', `/v1/sessions/${s2.id}`)).status).toBe(200);
    const heard2 = await hear(s2.b, s2.v);
    const [sScore, pScore] = [promptScore(sess, heard2).score, promptScore(pool, heard2).score];
    expect(sScore, `session prompt ${sScore.toFixed(2)} vs pool prompt ${pScore.toFixed(2)}`).toBeGreaterThan(0.7);
    expect(sScore - pScore).toBeGreaterThan(0.3);

    const [call] = await st.calls(s2.id);
    expect(call).toMatchObject({ state: 'failed', sipStatus: 410, endReason: 'session_closed' });
    // The pool still names its prompt: it cannot be deleted.
    expect((await st.t.api('DELETE', '/v1/prompts/pool-closed')).status).toBe(409);
    expect((await st.t.api('PATCH', '/v1/pools/e2e', { announcements: null })).status).toBe(200);
    expect((await st.t.api('DELETE', '/v1/prompts/pool-closed')).status).toBe(204);
  });

  it('plays the prompt the routing callback names', async () => {
    expect((await st.t.api('PUT', '/v1/prompts/store-closed', tones([700, 1100, 300], 0.5), { 'content-type': 'audio/wav' })).status).toBe(200);
    recv.on('/route', () => ({ status: 200, json: { action: 'play', prompt: 'store-closed' } }));
    const heard = await hear(st.number('+13055550144'), st.virtualNumber);
    recv.on('/route', () => 204);
    const [right, wrong] = [promptScore(wavSamples(tones([700, 1100, 300], 0.5)).samples, heard).score, promptScore(builtIn('masq-not-in-session'), heard).score];
    expect(right, `callback's prompt ${right.toFixed(2)} vs the built-in ${wrong.toFixed(2)}`).toBeGreaterThan(0.7);
    expect(right - wrong).toBeGreaterThan(0.3);
  });

  it('with the media server gone, the caller gets the bare status and Masq stays ready; when it comes back, prompts resume by themselves', async () => {
    await fs.kill();
    await until('media to be reported down', async () => {
      const r = await fetch(`${st.t.baseUrl}/readyz`);
      const body = (await r.json()) as { media?: { status: string }[] };
      return r.status === 200 && body.media?.[0]?.status === 'down';
    });
    const { caller } = await st.call({ uac: 'uac-reject-expect-403.xml', caller: st.number('+13055550143'), to: st.virtualNumber });
    passed(caller, 'caller');
    // The same server back on the same address: Masq reconnects without being told.
    fs = await startFreeSwitch(fsBin as string, { same: fs });
    await until('media to be reported up again', async () => {
      const body = (await (await fetch(`${st.t.baseUrl}/readyz`)).json()) as { media?: { status: string }[] };
      return body.media?.[0]?.status === 'up';
    }, 15_000);
    const heard = await hear(st.number('+13055550145'), st.virtualNumber);
    expect(promptScore(builtIn('masq-not-in-session'), heard).score).toBeGreaterThan(0.85);
  }, 60_000);
});
