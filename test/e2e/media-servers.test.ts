/**
 * Several media servers: calls are spread across the connected ones (fewest
 * calls first), /readyz reports each, and a server that dies is left out until
 * it comes back while the others carry on.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreeSwitch, freeSwitchSkipNotice, startFreeSwitch, type FreeSwitch } from '../helpers/freeswitch.js';
import { startRtpEndpoint, type RtpEndpoint } from '../helpers/rtp-endpoint.js';
import { drachtioBin, passed, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';
import { scrape } from '../helpers/metrics.js';

warnIfNoDrachtio('several media servers');
const fsBin = findFreeSwitch();
if (!fsBin) freeSwitchSkipNotice('e2e several media servers (test/e2e/media-servers.test.ts)');

type Ready = { media?: { name: string; status: string; calls: number }[] };

describe.skipIf(!drachtioBin || !fsBin)('several media servers', () => {
  let one: FreeSwitch;
  let two: FreeSwitch;
  beforeAll(async () => {
    [one, two] = await Promise.all([startFreeSwitch(fsBin as string), startFreeSwitch(fsBin as string)]);
  }, 40_000);
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
  });
  // FreeSWITCH is told to record where nothing can be written (a path under /dev/null): a disk that fails.
  const st = useSipStack({
    env: () => ({ MASQ_MEDIA_SERVERS: `${one.eventSocket},${two.eventSocket}`, MASQ_RECORDINGS_DIR: mkdtempSync(join(tmpdir(), 'masq-rec-')), MASQ_MEDIA_RECORDINGS_DIR: '/dev/null/masq-recordings' }),
  });
  const ready = async () => (await (await fetch(`${st.t.baseUrl}/readyz`)).json()) as Ready;

  let phones: RtpEndpoint[];
  beforeAll(async () => {
    phones = [await startRtpEndpoint(31), await startRtpEndpoint(32), await startRtpEndpoint(33)];
    await until('built-in prompts', async () => (await st.t.api('GET', '/v1/prompts/masq-not-in-session')).status === 200);
    await until('both media servers up', async () => (await ready()).media?.every((m) => m.status === 'up') || undefined, 15_000);
  });
  afterAll(() => phones?.forEach((p) => p.close()));

  /** A stranger's call that hears the not-in-session prompt (about 6 s). */
  const strangerCall = (i: number) =>
    st.startCall({ uac: 'uac-media-answered-expect-bye.xml', caller: st.number(`+1305555017${i}`), to: st.virtualNumber, uacKeys: { mport: String(phones[i]?.rtpPort) }, uacTimeoutS: 30 });

  it('spreads calls across the servers, and reports each in /readyz', async () => {
    const runs = [await strangerCall(0), await strangerCall(1)];
    const counts = await until('a channel on each server', async () => {
      const c = [await one.channels(), await two.channels()];
      return c[0] === 1 && c[1] === 1 ? c : undefined;
    });
    expect(counts).toEqual([1, 1]);
    const media = (await ready()).media ?? [];
    expect(media.map((m) => m.calls)).toEqual([1, 1]);
    for (const r of runs) passed((await r.done).caller, 'caller');
    await until('the calls released', async () => ((await ready()).media?.every((m) => m.calls === 0) ? true : undefined));
  }, 40_000);

  it('leaves out a server that died, carries on with the other, and keeps Masq ready', async () => {
    await one.kill();
    await until('the dead one reported down', async () => {
      const r = await fetch(`${st.t.baseUrl}/readyz`);
      const media = ((await r.json()) as Ready).media ?? [];
      return r.status === 200 && media[0]?.status === 'down' && media[1]?.status === 'up' ? true : undefined;
    });
    // /metrics says the same, one gauge per server.
    const linked = (await scrape(st.t.baseUrl)).filter((m) => m.name === 'masq_media_server_connected').map((m) => m.value);
    expect(linked).toEqual([0, 1]);
    const run = await strangerCall(2);
    await until('the call on the live server', async () => ((await two.channels()) === 1 ? true : undefined));
    passed((await run.done).caller, 'caller');
  }, 40_000);

  it('a recording that cannot be written fails with the reason, and the call itself goes on', async () => {
    const s = await st.session({ record: true });
    const run = await st.startCall({
      uac: 'uac-media-answered-expect-bye.xml',
      uas: 'uas-media-answer-then-bye.xml',
      caller: s.a,
      callee: s.b,
      to: s.v,
      uacKeys: { mport: String(phones[0]?.rtpPort) },
      uasKeys: { mport: String(phones[1]?.rtpPort) },
      uasArgs: ['-d', '7000'],
      uacTimeoutS: 30,
      uasTimeoutS: 30,
    });
    const { caller, callee } = await run.done;
    passed(caller, 'caller');
    passed(callee, 'callee');
    const call = await until('the recording outcome', async () => {
      const [c] = await st.calls(s.id);
      return c?.recording ? c : undefined;
    }, 15_000);
    expect(call).toMatchObject({ state: 'completed', hungUpBy: 'callee', endReason: 'callee-hangup', recording: { status: 'failed', url: null } });
    expect((call.recording as { reason: string }).reason).toMatch(/recording did not start|no recording file/);
    const failed = await until('recording.failed', async () => ((await st.t.api('GET', `/v1/events?sessionId=${s.id}`)).body.items as { type: string }[]).find((e) => e.type === 'recording.failed'));
    expect(failed).toBeDefined();
  }, 40_000);
});
