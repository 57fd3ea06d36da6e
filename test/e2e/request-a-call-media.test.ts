/**
 * Request-a-call with a media server: Masq calls the first party (late offer)
 * onto a FreeSWITCH endpoint, plays it the session's `connecting` prompt, then
 * ringback while the second party is called, and bridges them. Each party is a
 * sip.js phone; the first party's audio goes to a test socket and is decoded.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findFreeSwitch, freeSwitchSkipNotice, startFreeSwitch, type FreeSwitch } from '../helpers/freeswitch.js';
import { pcmuFromRtp, promptScore, toneShare, wavSamples } from '../helpers/audio.js';
import { startRtpEndpoint, type RtpEndpoint } from '../helpers/rtp-endpoint.js';
import { digits, drachtioBin, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';

warnIfNoDrachtio('request-a-call with media');
const fsBin = findFreeSwitch();
if (!fsBin) freeSwitchSkipNotice('e2e request-a-call with media (test/e2e/request-a-call-media.test.ts)');
const BUILT = new URL('../../prompts/build/', import.meta.url).pathname;
const builtIn = (id: string) => wavSamples(readFileSync(join(BUILT, `${id}.wav`))).samples;

describe.skipIf(!drachtioBin || !fsBin)('request-a-call through FreeSWITCH: connecting prompt, ringback, bridge', () => {
  let fs: FreeSwitch;
  const dirs = { prompts: mkdtempSync(join(tmpdir(), 'masq-prompts-')), recordings: mkdtempSync(join(tmpdir(), 'masq-rec-')) };
  beforeAll(async () => {
    fs = await startFreeSwitch(fsBin as string);
  }, 30_000);
  afterAll(async () => {
    await fs?.stop();
  });
  const st = useSipStack({ phones: true, env: () => ({ MASQ_MEDIA_SERVERS: fs.eventSocket, MASQ_PROMPTS_DIR: dirs.prompts, MASQ_RECORDINGS_DIR: dirs.recordings }) });

  let phones: RtpEndpoint;
  beforeAll(async () => {
    phones = await startRtpEndpoint(3003);
    await until('the built-in prompts to be loaded', async () => (await st.t.api('GET', '/v1/prompts/masq-not-in-session')).status === 200);
    await until('the media server to be connected', async () => {
      const body = (await (await fetch(`${st.t.baseUrl}/readyz`)).json()) as { media?: { status: string }[] };
      return body.media?.[0]?.status === 'up';
    }, 15_000);
  });
  afterAll(() => phones?.close());
  afterEach(async () => {
    await until('FreeSWITCH to hold no channel', async () => (await fs.channels()) === 0, 8000);
  });

  it('plays the first party the connecting prompt, then ringback while the second rings, then bridges them', async () => {
    const s = await st.session({ announcements: { connecting: 'masq-not-in-session' }, callTimeLimitSeconds: 3 });
    const session = (await st.t.api('GET', `/v1/sessions/${s.id}`)).body;
    phones.rtp.length = 0;
    const a = await st.phones.phone(s.a, { answerAfterMs: 100 }, { rtpPort: phones.rtpPort });
    const b = await st.phones.phone(s.b, { answerAfterMs: 3000 }, { rtpPort: 9 });
    const r = await st.t.api('POST', `/v1/sessions/${s.id}/calls`, { to: 'firstParty' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const call = await st.finishedCall(s.id, 40_000);
    expect(call).toMatchObject({ state: 'completed', direction: 'request-a-call', firstLeg: 'firstParty', hungUpBy: 'masq', endReason: 'time-limit', failedLeg: null });

    // Both legs were placed from their own proxy numbers, offerless; neither party saw the other's number.
    const invite = (p: typeof a) => p.messages().find((m) => m.dir === 'received' && m.method === 'INVITE')?.raw ?? '';
    expect(invite(a)).toMatch(new RegExp(`^From:.*${digits(session.firstParty.proxyNumber)}`, 'm'));
    expect(invite(a)).toMatch(/^Content-Length:\s*0/m);
    expect(invite(b)).toMatch(new RegExp(`^From:.*${digits(session.secondParty.proxyNumber)}`, 'm'));
    for (const m of a.messages()) expect(m.raw).not.toContain(digits(s.b));
    for (const m of b.messages()) expect(m.raw).not.toContain(digits(s.a));

    // What the first party heard: the prompt, then ringback.
    const heard = pcmuFromRtp(phones.rtp);
    const prompt = builtIn('masq-not-in-session');
    expect(promptScore(prompt, heard).score, 'connecting prompt').toBeGreaterThan(0.85);
    const afterPrompt = heard.subarray(prompt.length + 1600, prompt.length + 1600 + 8000 * 2);
    expect(toneShare(afterPrompt, 440), 'ringback (440 + 480 Hz)').toBeGreaterThan(0.25);
    expect(toneShare(afterPrompt, 480)).toBeGreaterThan(0.25);
  }, 60_000);

  it('a second party that is busy leaves the first hearing the unavailable prompt; call.failed says the second leg', async () => {
    const s = await st.session();
    phones.rtp.length = 0;
    const a = await st.phones.phone(s.a, { answerAfterMs: 100 }, { rtpPort: phones.rtpPort });
    await st.phones.phone(s.b, { rejectWith: 486, rejectAfterMs: 500 }, { rtpPort: 9 });
    expect((await st.t.api('POST', `/v1/sessions/${s.id}/calls`, { to: 'firstParty' })).status).toBe(202);
    expect(await st.finishedCall(s.id, 40_000)).toMatchObject({ state: 'failed', endReason: 'callee-rejected', sipStatus: 486, hungUpBy: 'callee', failedLeg: 'second' });
    await a.calls[0]?.waitFor('ended', 5000);
    expect(promptScore(builtIn('masq-party-unavailable'), pcmuFromRtp(phones.rtp)).score, 'unavailable prompt').toBeGreaterThan(0.85);
  }, 60_000);
});
