/**
 * Request-a-call with a media server: Masq calls the first party (late offer)
 * onto a FreeSWITCH endpoint, plays it the session's `connecting` prompt, then
 * ringback while the second party is called, and bridges them. One sipp far end
 * plays both parties, with its media on one test socket; what the first party
 * heard is told apart by the FreeSWITCH port it came from, and decoded.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { byParty } from '../helpers/far-end.js';
import { findFreeSwitch, freeSwitchSkipNotice, startFreeSwitch, type FreeSwitch } from '../helpers/freeswitch.js';
import { pcmuFromRtp, promptScore, toneShare, wavSamples } from '../helpers/audio.js';
import { waitUdpBound } from '../helpers/ports.js';
import { startRtpEndpoint, type RtpEndpoint } from '../helpers/rtp-endpoint.js';
import { digits, drachtioBin, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';
import { runSipp } from '../helpers/sipp.js';

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
  const st = useSipStack({ env: () => ({ MASQ_MEDIA_SERVERS: fs.eventSocket, MASQ_PROMPTS_DIR: dirs.prompts, MASQ_RECORDINGS_DIR: dirs.recordings }) });

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

  /** One far end for both parties: each rings for `ringMs`, answers with its own offer, and waits for the BYE. */
  async function farEnd(ringMs: number) {
    const port = st.uasPort;
    const run = runSipp({ scenario: 'uas-media-ring-then-answer.xml', localPort: port, calls: 2, limit: 2, timeoutS: 60, keys: { callee: '+10000000000', mport: String(phones.rtpPort) }, extraArgs: ['-d', String(ringMs)] });
    await waitUdpBound(port);
    return run;
  }

  it('plays the first party the connecting prompt, then ringback while the second rings, then bridges them', async () => {
    const s = await st.session({ announcements: { connecting: 'masq-not-in-session' }, callTimeLimitSeconds: 3 });
    const session = (await st.t.api('GET', `/v1/sessions/${s.id}`)).body;
    phones.rtp.length = 0;
    const far = await farEnd(3000);
    const r = await st.t.api('POST', `/v1/sessions/${s.id}/calls`, { to: 'firstParty' });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const call = await st.finishedCall(s.id, 40_000);
    expect(call).toMatchObject({ state: 'completed', direction: 'request-a-call', firstLeg: 'firstParty', hungUpBy: 'masq', endReason: 'time-limit', failedLeg: null });
    const run = await far.done;
    expect(run.code, run.errors).toBe(0);

    // Both legs were placed from their own proxy numbers, offerless; neither party saw the other's number.
    const seen = byParty(run, [s.a, s.b]);
    const [toFirst, toSecond] = [seen.get(s.a) ?? [], seen.get(s.b) ?? []];
    expect(toFirst.find((m) => /^INVITE sip:/m.test(m))).toMatch(new RegExp(`^From:.*${digits(session.firstParty.proxyNumber)}`, 'm'));
    expect(toSecond.find((m) => /^INVITE sip:/m.test(m))).toMatch(new RegExp(`^From:.*${digits(session.secondParty.proxyNumber)}`, 'm'));
    for (const m of toFirst) expect(m).not.toContain(digits(s.b));
    for (const m of toSecond) expect(m).not.toContain(digits(s.a));

    // What the first party heard, from its own endpoint's port: the prompt, then ringback.
    const firstPort = phones.rtp[0]?.port;
    const heard = pcmuFromRtp(phones.rtp.filter((p) => p.port === firstPort));
    const prompt = builtIn('masq-not-in-session');
    expect(promptScore(prompt, heard).score, 'connecting prompt').toBeGreaterThan(0.85);
    const afterPrompt = heard.subarray(prompt.length + 1600, prompt.length + 1600 + 8000 * 2);
    expect(toneShare(afterPrompt, 440), 'ringback (440 + 480 Hz)').toBeGreaterThan(0.25);
    expect(toneShare(afterPrompt, 480)).toBeGreaterThan(0.25);
  }, 60_000);
});
