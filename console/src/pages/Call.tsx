/** One call's full record. */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { Masked } from '../components/Masked';
import { Problem } from '../components/Problem';
import { between, seconds, when } from '../format';
import { href } from '../router';
import { Recording } from './Recording';

export function CallPage({ callId }: { callId: string }) {
  const call = useQuery({ queryKey: ['call', callId], queryFn: () => ok(api.GET('/v1/calls/{callId}', { params: { path: { callId } } })) });
  const c = call.data;
  const setup = between(c?.startedAt, c?.ringingAt);
  return (
    <>
      <p className="crumbs">
        <a href="#/calls">Calls</a> /
      </p>
      <h1>
        Call <code>{callId}</code>
      </h1>
      <Problem error={call.error} />
      {c && (
        <dl className="facts">
          <dt>Session</dt>
          <dd>{c.sessionId ? <a href={href('sessions', c.sessionId)}>{c.sessionId}</a> : 'none (turned away)'}</dd>
          <dt>Direction</dt>
          <dd>{c.direction ?? '—'}</dd>
          <dt>Virtual number</dt>
          <dd>
            <Masked number={c.virtualNumber} label="virtual number" />
          </dd>
          <dt>State</dt>
          <dd>
            <span className={`badge ${c.state}`}>{c.state}</span>
          </dd>
          <dt>Started</dt>
          <dd>{when(c.startedAt)}</dd>
          <dt>Ringing</dt>
          <dd>
            {when(c.ringingAt)}
            {setup !== null ? ` (${setup} ms after the INVITE)` : ''}
          </dd>
          <dt>Answered</dt>
          <dd>{when(c.answeredAt)}</dd>
          <dt>Ended</dt>
          <dd>{when(c.endedAt)}</dd>
          <dt>Talked</dt>
          <dd>{seconds(c.durationSeconds)}</dd>
          <dt>Final SIP status</dt>
          <dd>{c.sipStatus ?? '—'}</dd>
          <dt>Hung up by</dt>
          <dd>{c.hungUpBy ?? '—'}</dd>
          <dt>End reason</dt>
          <dd>{c.endReason ?? '—'}</dd>
          <dt>Refused transfers</dt>
          <dd>{c.refusedTransfers}</dd>
          <dt>Recording</dt>
          <dd>{c.recording ? <Recording callId={c.id} recording={c.recording} /> : 'none'}</dd>
        </dl>
      )}
    </>
  );
}
