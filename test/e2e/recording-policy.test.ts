/**
 * Recording with no media server configured: a session that requires recording
 * has its calls refused (503, call.failed says media_unavailable) and no one is
 * rung; a best-effort session's calls connect directly, unrecorded, and the
 * record says why. Sessions without recording are untouched.
 */
import { describe, expect, it } from 'vitest';
import { drachtioBin, passed, until, useSipStack, warnIfNoDrachtio } from '../helpers/sip-stack.js';

warnIfNoDrachtio('recording policy');

describe.skipIf(!drachtioBin)('recording policy without a media server', () => {
  const st = useSipStack();

  it('refuses the call of a session that requires recording, and rings no one', async () => {
    const s = await st.session({ record: true, recordingPolicy: 'required' });
    const { caller, callee } = await st.call({ uac: 'uac-reject-expect-503.xml', uas: 'uas-answer.xml', uasTimeoutS: 3, caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    expect(callee?.messages ?? '').not.toContain('INVITE');
    const call = await st.finishedCall(s.id);
    expect(call).toMatchObject({ state: 'failed', sipStatus: 503, hungUpBy: 'masq', endReason: 'media_unavailable' });
    const failed = await until('call.failed', () => st.events.find((e) => e.type === 'call.failed' && e.callId === call.id));
    expect(failed).toMatchObject({ endReason: 'media_unavailable' });
  });

  it('connects a best-effort session’s call unrecorded, and the record says why', async () => {
    const s = await st.session({ record: true });
    const { caller, callee } = await st.call({ uac: 'uac-masked-call-expect-200.xml', uas: 'uas-answer.xml', caller: s.a, callee: s.b, to: s.v });
    passed(caller, 'caller');
    passed(callee, 'callee');
    const call = await until('the recording outcome', async () => {
      const [c] = await st.calls(s.id);
      return c?.recording ? c : undefined;
    });
    expect(call).toMatchObject({ state: 'completed', recording: { status: 'failed', url: null } });
    expect((call.recording as { reason: string }).reason).toMatch(/^media_unavailable: /);
  });
});
