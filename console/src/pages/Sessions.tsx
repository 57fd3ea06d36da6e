/**
 * Finding a session (by id, clientReference or a participant's number), the
 * newest sessions, and creating one. The number searched for stays in this
 * page's state: it never enters the address bar.
 */
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ok, type Session } from '../api/client';
import { Masked } from '../components/Masked';
import { Problem } from '../components/Problem';
import { when } from '../format';
import { href, navigate } from '../router';
import { CreateSession } from './CreateSession';

type Kind = 'participant' | 'clientReference' | 'id';

export function Sessions() {
  const [kind, setKind] = useState<Kind>('participant');
  const [text, setText] = useState('');
  const [query, setQuery] = useState<{ kind: Kind; text: string } | null>(null);
  const recent = useQuery({ queryKey: ['sessions', 'recent'], queryFn: () => ok(api.GET('/v1/sessions', { params: { query: { limit: 20 } } })) });
  const found = useQuery({
    queryKey: ['sessions', 'search', query],
    enabled: query !== null && query.kind !== 'id',
    queryFn: () => {
      const q = query?.kind === 'participant' ? { participant: query.text } : { clientReference: query?.text ?? '' };
      return ok(api.GET('/v1/sessions', { params: { query: { limit: 50, ...q } } }));
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (!t) return;
    if (kind === 'id') navigate('sessions', t);
    else setQuery({ kind, text: t });
  };

  return (
    <>
      <h1>Sessions</h1>
      <section aria-labelledby="find">
        <h2 id="find">Find a session</h2>
        <form className="row" role="search" onSubmit={submit}>
          <label>
            Find by
            <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <option value="participant">Participant number</option>
              <option value="clientReference">Client reference</option>
              <option value="id">Session id</option>
            </select>
          </label>
          <label>
            {kind === 'participant' ? 'Number (E.164)' : kind === 'id' ? 'Session id' : 'Client reference'}
            <input value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" required />
          </label>
          <button type="submit">Find</button>
        </form>
        <Problem error={found.error} />
        {found.data && (
          <div aria-live="polite">
            <p>
              {found.data.items.length} session{found.data.items.length === 1 ? '' : 's'} found.
            </p>
            <SessionTable items={found.data.items} caption="Search results" />
          </div>
        )}
      </section>
      <CreateSession />
      <section aria-labelledby="recent">
        <h2 id="recent">Newest sessions</h2>
        <Problem error={recent.error} />
        {recent.data && <SessionTable items={recent.data.items} caption="Newest sessions" />}
      </section>
    </>
  );
}

/** Sessions in a table, linking to each. */
export function SessionTable({ items, caption }: { items: Session[]; caption: string }) {
  if (items.length === 0) return <p>None.</p>;
  return (
    <div className="scroll">
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Status</th>
            <th scope="col">Pool</th>
            <th scope="col">First party</th>
            <th scope="col">Second party</th>
            <th scope="col">Reference</th>
            <th scope="col">Expires</th>
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={href('sessions', s.id)}>{s.id}</a>
              </td>
              <td>
                <span className={`badge ${s.status}`}>{s.status}</span>
              </td>
              <td>{s.poolId}</td>
              <td>
                <Masked number={s.firstParty.number} label="first party" />
              </td>
              <td>
                <Masked number={s.secondParty.number} label="second party" />
              </td>
              <td>{s.clientReference ?? '—'}</td>
              <td>{when(s.expiresAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
