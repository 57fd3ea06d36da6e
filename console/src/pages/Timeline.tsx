/**
 * A session's history in order: its events, and each call with who called whom,
 * ring / answer / end times, SIP status, who hung up and its recording.
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok, type Call, type MasqEvent, type Session } from '../api/client';
import { Masked } from '../components/Masked';
import { Problem } from '../components/Problem';
import { seconds, when } from '../format';
import { href } from '../router';
import { Recording } from './Recording';

const LABEL: Record<string, string> = {
  'session.created': 'Session created',
  'session.updated': 'Session changed',
  'session.closed': 'Session closed',
  'session.expired': 'Session expired',
  'recording.ready': 'Recording ready',
  'recording.failed': 'Recording failed',
};

export function Timeline({ sessionId, session }: { sessionId: string; session: Session }) {
  const events = useQuery({
    queryKey: ['session', sessionId, 'events'],
    queryFn: () => ok(api.GET('/v1/events', { params: { query: { sessionId, limit: 200 } } })),
  });
  const calls = useQuery({
    queryKey: ['session', sessionId, 'calls'],
    queryFn: () => ok(api.GET('/v1/sessions/{sessionId}/calls', { params: { path: { sessionId }, query: { limit: 100 } } })),
  });
  // Calls are shown once, as their record; their events only date them.
  const items: { at: string; key: string; node: React.ReactNode }[] = [];
  for (const e of events.data?.items ?? []) {
    if (e.type.startsWith('call.')) continue;
    items.push({ at: e.occurredAt, key: e.id, node: <EventItem e={e} /> });
  }
  for (const c of calls.data?.items ?? []) items.push({ at: c.startedAt, key: c.id, node: <CallItem c={c} s={session} /> });
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));

  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">Timeline</h2>
      <Problem error={events.error ?? calls.error} />
      <ol className="timeline" aria-label="Newest first">
        {items.map((i) => (
          <li key={i.key}>
            <time dateTime={i.at}>{when(i.at)}</time>
            {i.node}
          </li>
        ))}
      </ol>
    </section>
  );
}

function EventItem({ e }: { e: MasqEvent }) {
  return <span className="event">{LABEL[e.type] ?? e.type}</span>;
}

function CallItem({ c, s }: { c: Call; s: Session }) {
  const [from, to] =
    c.direction === 'second-to-first' ? [s.secondParty, s.firstParty] : c.direction === 'first-to-second' ? [s.firstParty, s.secondParty] : [null, null];
  return (
    <div className="call" data-testid="timeline-call">
      <p>
        <a href={href('calls', c.id)}>Call</a>{' '}
        {from && to ? (
          <>
            from <Masked number={from.number} label="caller" /> to <Masked number={to.number} label="callee" />
          </>
        ) : (
          <>({c.direction ?? 'turned away'})</>
        )}{' '}
        — <span className={`badge ${c.state}`}>{c.state}</span>
      </p>
      <ul className="times">
        <li>rang {when(c.ringingAt)}</li>
        <li>answered {when(c.answeredAt)}</li>
        <li>ended {when(c.endedAt)}</li>
        <li>talked {seconds(c.durationSeconds)}</li>
        <li>SIP {c.sipStatus ?? '—'}</li>
        <li>hung up by {c.hungUpBy ?? '—'}</li>
        {c.endReason && <li>{c.endReason}</li>}
      </ul>
      {c.recording && <Recording callId={c.id} recording={c.recording} />}
    </div>
  );
}
