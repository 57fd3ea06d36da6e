/**
 * Recent calls across sessions, from the event log (newest state of each call),
 * filtered by outcome, direction and time; each links to its full record.
 */
import { useMemo, useState } from 'react';
import { seconds, when } from '../format';
import { callOf, useLive, type CallInEvent } from '../live';
import { href } from '../router';

const WINDOWS = [
  ['15', 'last 15 minutes'],
  ['60', 'last hour'],
  ['1440', 'last 24 hours'],
  ['0', 'all kept'],
] as const;

export function Calls() {
  const { events } = useLive();
  const [outcome, setOutcome] = useState('all');
  const [direction, setDirection] = useState('all');
  const [minutes, setMinutes] = useState('60');

  const calls = useMemo(() => {
    const latest = new Map<string, { call: CallInEvent; sessionId: string; at: string }>();
    for (const e of events) {
      const c = callOf(e);
      if (c?.id) latest.set(c.id, { call: c, sessionId: e.sessionId, at: e.occurredAt });
    }
    const since = minutes === '0' ? 0 : Date.now() - Number(minutes) * 60_000;
    return [...latest.values()]
      .filter((x) => Date.parse(x.call.startedAt ?? x.at) >= since)
      .filter((x) => outcome === 'all' || x.call.state === outcome)
      .filter((x) => direction === 'all' || (x.call.direction ?? 'none') === direction)
      .sort((a, b) => ((a.call.startedAt ?? '') < (b.call.startedAt ?? '') ? 1 : -1));
  }, [events, outcome, direction, minutes]);

  return (
    <>
      <h1>Calls</h1>
      <form className="row" aria-label="Filter calls" onSubmit={(e) => e.preventDefault()}>
        <label>
          Outcome
          <select value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="all">all</option>
            <option value="ringing">ringing</option>
            <option value="answered">in progress</option>
            <option value="completed">completed</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <label>
          Direction
          <select value={direction} onChange={(e) => setDirection(e.target.value)}>
            <option value="all">all</option>
            <option value="first-to-second">first → second</option>
            <option value="second-to-first">second → first</option>
            <option value="out-of-session">out of session</option>
          </select>
        </label>
        <label>
          Time
          <select value={minutes} onChange={(e) => setMinutes(e.target.value)}>
            {WINDOWS.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>
      <p className="muted" aria-live="polite">
        {calls.length} call{calls.length === 1 ? '' : 's'}
      </p>
      <div className="scroll">
        <table>
          <caption className="sr-only">Recent calls</caption>
          <thead>
            <tr>
              <th scope="col">Call</th>
              <th scope="col">Started</th>
              <th scope="col">Direction</th>
              <th scope="col">Outcome</th>
              <th scope="col">SIP</th>
              <th scope="col">Talked</th>
              <th scope="col">Reason</th>
              <th scope="col">Session</th>
            </tr>
          </thead>
          <tbody>
            {calls.slice(0, 500).map(({ call: c, sessionId }) => (
              <tr key={c.id}>
                <td>
                  <a href={href('calls', c.id)}>{c.id}</a>
                </td>
                <td>{when(c.startedAt)}</td>
                <td>{c.direction ?? '—'}</td>
                <td>
                  <span className={`badge ${c.state}`}>{c.state}</span>
                </td>
                <td>{c.sipStatus ?? '—'}</td>
                <td>{seconds(c.durationSeconds)}</td>
                <td>{c.endReason ?? '—'}</td>
                <td>{sessionId ? <a href={href('sessions', sessionId)}>{sessionId}</a> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
