/**
 * Recent calls across sessions (GET /v1/calls), filtered by outcome, direction
 * and time, a page at a time; each links to its full record. Filters stay in
 * this tab's memory (never in the address), so coming back from a call finds them.
 */
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ok, type Call } from '../api/client';
import type { paths } from '../api/schema';
import { Masked } from '../components/Masked';
import { Problem } from '../components/Problem';
import { seconds, when } from '../format';
import { href } from '../router';

type Query = NonNullable<paths['/v1/calls']['get']['parameters']['query']>;
type Outcome = Call['outcome'];
type Direction = NonNullable<Call['direction']>;

/** How each outcome reads in the console. */
export const OUTCOME_LABEL: Record<Outcome, string> = {
  'in-progress': 'in progress',
  completed: 'completed',
  canceled: 'canceled',
  rejected: 'rejected',
  busy: 'busy',
  'no-answer': 'no answer',
  failed: 'failed',
};

/** How each direction reads in the console. */
export const DIRECTION_LABEL: Record<Direction, string> = {
  'first-to-second': 'first → second',
  'second-to-first': 'second → first',
  'out-of-session': 'out of session',
  'request-a-call': 'request-a-call',
};

const WINDOWS = [
  ['15', 'last 15 minutes'],
  ['60', 'last hour'],
  ['1440', 'last 24 hours'],
  ['10080', 'last 7 days'],
  ['0', 'all kept'],
  ['custom', 'between…'],
] as const;

const PAGE = 50;

interface Filters {
  outcome: Outcome | 'all';
  direction: Direction | 'all';
  window: (typeof WINDOWS)[number][0];
  /** datetime-local values (the browser's time zone) for the custom window. */
  from: string;
  to: string;
}

// What the operator chose last, while this tab lives (the page remounts on every visit).
let remembered: Filters = { outcome: 'all', direction: 'all', window: '1440', from: '', to: '' };

/** The API query for the filters; relative windows are computed when the page is fetched. */
function toQuery(f: Filters, cursor: string | undefined): Query {
  const q: Query = { limit: PAGE };
  if (f.outcome !== 'all') q.outcome = f.outcome;
  if (f.direction !== 'all') q.direction = f.direction;
  if (f.window === 'custom') {
    if (f.from) q.since = new Date(f.from).toISOString();
    if (f.to) q.until = new Date(f.to).toISOString();
  } else if (f.window !== '0') q.since = new Date(Date.now() - Number(f.window) * 60_000).toISOString();
  if (cursor) q.cursor = cursor;
  return q;
}

export function Calls() {
  const [filters, setFilters] = useState<Filters>(remembered);
  // The cursors of the pages walked so far: the last one is shown (undefined: the newest).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const calls = useQuery({
    queryKey: ['calls', filters, cursor],
    queryFn: () => ok(api.GET('/v1/calls', { params: { query: toQuery(filters, cursor) } })),
    placeholderData: keepPreviousData,
  });

  const change = (f: Partial<Filters>) => {
    remembered = { ...filters, ...f };
    setFilters(remembered);
    setCursors([undefined]);
  };
  const items = calls.data?.items ?? [];
  const next = calls.data?.nextCursor ?? null;
  const pageNo = cursors.length;

  return (
    <>
      <h1>Calls</h1>
      <form className="row" aria-label="Filter calls" onSubmit={(e) => e.preventDefault()}>
        <label>
          Outcome
          <select value={filters.outcome} onChange={(e) => change({ outcome: e.target.value as Filters['outcome'] })}>
            <option value="all">all</option>
            {Object.entries(OUTCOME_LABEL).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Direction
          <select value={filters.direction} onChange={(e) => change({ direction: e.target.value as Filters['direction'] })}>
            <option value="all">all</option>
            {Object.entries(DIRECTION_LABEL).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Time
          <select value={filters.window} onChange={(e) => change({ window: e.target.value as Filters['window'] })}>
            {WINDOWS.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {filters.window === 'custom' && (
          <>
            <label>
              From
              <input type="datetime-local" step="1" value={filters.from} onChange={(e) => change({ from: e.target.value })} />
            </label>
            <label>
              To
              <input type="datetime-local" step="1" value={filters.to} onChange={(e) => change({ to: e.target.value })} />
            </label>
          </>
        )}
      </form>
      <Problem error={calls.error} />
      <p className="muted" aria-live="polite" data-testid="calls-count">
        {calls.isPending ? 'Loading…' : `${items.length} call${items.length === 1 ? '' : 's'}${pageNo > 1 ? ` on page ${pageNo}` : ''}`}
        {!calls.isPending && items.length === 0 && next ? ' among the calls looked at so far; there may be more further back.' : ''}
      </p>
      {items.length > 0 && <CallTable items={items} />}
      <nav className="row" aria-label="Pages of calls">
        <button type="button" disabled={pageNo === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          Newer calls
        </button>
        <button type="button" disabled={!next} onClick={() => next && setCursors([...cursors, next])}>
          Older calls
        </button>
      </nav>
    </>
  );
}

function CallTable({ items }: { items: Call[] }) {
  return (
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
            <th scope="col">Virtual number</th>
            <th scope="col">Session</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td>
                <a href={href('calls', c.id)}>{c.id}</a>
              </td>
              <td>{when(c.startedAt)}</td>
              <td>{c.direction ? DIRECTION_LABEL[c.direction] : '—'}</td>
              <td>
                <span className={`badge ${c.outcome}`}>{OUTCOME_LABEL[c.outcome]}</span>
              </td>
              <td>{c.sipStatus ?? '—'}</td>
              <td>{seconds(c.durationSeconds)}</td>
              <td>{c.endReason ?? '—'}</td>
              <td>
                <Masked number={c.virtualNumber} label="virtual number" />
              </td>
              <td>{c.sessionId ? <a href={href('sessions', c.sessionId)}>{c.sessionId}</a> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
