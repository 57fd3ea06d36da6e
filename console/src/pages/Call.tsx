/** One call's full record: who called whom (masked), its times, outcome, SIP status, recording. */
import { useQuery } from '@tanstack/react-query';
import { api, ok, type Call, type Session } from '../api/client';
import { Masked } from '../components/Masked';
import { Problem } from '../components/Problem';
import { between, seconds, when } from '../format';
import { href } from '../router';
import { DIRECTION_LABEL, OUTCOME_LABEL } from './Calls';
import { Recording } from './Recording';

export function CallPage({ callId }: { callId: string }) {
  const call = useQuery({ queryKey: ['call', callId], queryFn: () => ok(api.GET('/v1/calls/{callId}', { params: { path: { callId } } })) });
  const c = call.data;
  const sessionId = c?.sessionId ?? null;
  // The parties, for who called whom; a session past its retention is simply not shown.
  const session = useQuery({
    queryKey: ['session', sessionId],
    enabled: sessionId !== null,
    retry: false,
    queryFn: () => ok(api.GET('/v1/sessions/{sessionId}', { params: { path: { sessionId: sessionId ?? '' } } })),
  });
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
          <dt>Outcome</dt>
          <dd>
            <span className={`badge ${c.outcome}`} data-testid="call-outcome">
              {OUTCOME_LABEL[c.outcome]}
            </span>{' '}
            <span className="muted">(state {c.state})</span>
          </dd>
          <dt>Session</dt>
          <dd>{c.sessionId ? <a href={href('sessions', c.sessionId)}>{c.sessionId}</a> : 'none (turned away)'}</dd>
          <dt>Direction</dt>
          <dd>{c.direction ? DIRECTION_LABEL[c.direction] : '—'}</dd>
          {session.data && <Parties c={c} s={session.data} />}
          <dt>Virtual number</dt>
          <dd>
            <Masked number={c.virtualNumber} label="virtual number" />
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
          <dt>From start to end</dt>
          <dd>{c.totalMs === null ? '—' : `${c.totalMs} ms`}</dd>
          <dt>Final SIP status</dt>
          <dd>{c.sipStatus ?? '—'}</dd>
          <dt>Hung up by</dt>
          <dd>{c.hungUpBy ?? '—'}</dd>
          <dt>End reason</dt>
          <dd>{c.endReason ?? '—'}</dd>
          {c.direction === 'request-a-call' && (
            <>
              <dt>Rung first</dt>
              <dd>{c.firstLeg ?? '—'}</dd>
              <dt>Failed leg</dt>
              <dd>{c.failedLeg ?? '—'}</dd>
            </>
          )}
          <dt>Refused transfers</dt>
          <dd>{c.refusedTransfers}</dd>
          <dt>Recording</dt>
          <dd>{c.recording ? <Recording callId={c.id} recording={c.recording} /> : 'none'}</dd>
        </dl>
      )}
    </>
  );
}

/** Caller and callee, masked, when the direction says which party was which. */
function Parties({ c, s }: { c: Call; s: Session }) {
  const first = c.direction === 'first-to-second' || (c.direction === 'request-a-call' && c.firstLeg !== 'secondParty');
  const second = c.direction === 'second-to-first' || (c.direction === 'request-a-call' && c.firstLeg === 'secondParty');
  if (!first && !second) return null;
  const [from, to] = first ? [s.firstParty, s.secondParty] : [s.secondParty, s.firstParty];
  return (
    <>
      <dt>{c.direction === 'request-a-call' ? 'First leg' : 'Caller'}</dt>
      <dd>
        <Masked number={from.number} label="caller" />
      </dd>
      <dt>{c.direction === 'request-a-call' ? 'Second leg' : 'Callee'}</dt>
      <dd>
        <Masked number={to.number} label="callee" />
      </dd>
    </>
  );
}
