/**
 * One pool: utilisation (bound / free / unhealthy / draining), its numbers with
 * search and per-number actions, and CSV import with progress and a per-line
 * error report.
 */
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { allPages, api, ApiError, ok, type PoolNumber } from '../api/client';
import { Masked } from '../components/Masked';
import { Stack } from '../components/Meter';
import { Problem } from '../components/Problem';
import { maskNumber } from '../format';
import { navigate } from '../router';
import { ImportCsv } from './ImportCsv';

/** Numbers read into the table (the API has no search by number; larger pools are searched among these). */
const NUMBERS_LOADED = 10_000;

/** Why a delete was refused (409), in the operator's terms and with what to do instead. */
function explainInUse(e: ApiError): string | undefined {
  const bound = /bound to (\d+)/.exec(e.message)?.[1];
  if (e.code === 'number_in_use') {
    return `This number is bound to ${bound ?? 'some'} participant(s) of open sessions, who still call through it. Drain it instead: no new session gets it, and it is removed when its last session ends.`;
  }
  if (e.code === 'pool_in_use') return `${e.message}. Close those sessions (or let them expire) first, or drain the pool's numbers.`;
  return undefined;
}

export function PoolPage({ poolId }: { poolId: string }) {
  const qc = useQueryClient();
  const pool = useQuery({ queryKey: ['pools', poolId], queryFn: () => ok(api.GET('/v1/pools/{poolId}', { params: { path: { poolId } } })) });
  const numbers = useQuery({
    queryKey: ['pools', poolId, 'numbers'],
    queryFn: () =>
      allPages((cursor) => ok(api.GET('/v1/pools/{poolId}/numbers', { params: { path: { poolId }, query: { limit: 1000, ...(cursor ? { cursor } : {}) } } })), NUMBERS_LOADED),
  });
  const [search, setSearch] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: ['pools'] });
  const removePool = useMutation({
    mutationFn: () => ok(api.DELETE('/v1/pools/{poolId}', { params: { path: { poolId } } })),
    onSuccess: async () => {
      await refresh();
      navigate('pools');
    },
  });

  const shown = useMemo(() => {
    const digits = search.replace(/[^\d]/g, '');
    return (numbers.data ?? []).filter((n) => !digits || n.number.replace(/[^\d]/g, '').includes(digits));
  }, [numbers.data, search]);
  const draining = (numbers.data ?? []).filter((n) => n.draining).length;
  const c = pool.data?.counts;

  return (
    <>
      <p className="crumbs">
        <a href="#/pools">Pools</a> /
      </p>
      <h1>Pool {poolId}</h1>
      <Problem error={pool.error} />
      {c && (
        <Stack
          label="Utilisation"
          parts={[
            { label: 'bound', value: c.inUse, className: 'bound' },
            { label: 'free', value: c.available, className: 'free' },
            { label: 'unhealthy', value: c.numbers - c.healthy, className: 'unhealthy' },
            { label: 'draining', value: draining, className: 'draining' },
          ]}
        />
      )}
      {c && (
        <p className="muted">
          {c.numbers} numbers · {c.openSessions} open sessions
        </p>
      )}
      <ImportCsv poolId={poolId} onDone={refresh} />
      <section aria-labelledby="numbers">
        <h2 id="numbers">Numbers</h2>
        <label className="inline">
          Search numbers
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="digits, e.g. 0123" autoComplete="off" />
        </label>
        <p className="muted" aria-live="polite">
          {numbers.isLoading ? 'Loading…' : `${shown.length} of ${numbers.data?.length ?? 0} shown`}
        </p>
        <Problem error={numbers.error} />
        <div className="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Country</th>
                <th scope="col">State</th>
                <th scope="col">Bindings</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, 500).map((n) => (
                <NumberRow key={n.number} n={n} poolId={poolId} onChange={refresh} />
              ))}
            </tbody>
          </table>
        </div>
        {shown.length > 500 && <p className="muted">First 500 shown: narrow the search.</p>}
        {(numbers.data?.length ?? 0) >= NUMBERS_LOADED && (
          <p className="muted">The first {NUMBERS_LOADED.toLocaleString()} numbers of this pool are loaded; search looks among them.</p>
        )}
      </section>
      <section aria-labelledby="danger">
        <h2 id="danger">Delete pool</h2>
        <button type="button" className="danger" onClick={() => confirm(`Delete pool ${poolId} and all its numbers?`) && removePool.mutate()}>
          Delete pool {poolId}
        </button>
        <Problem error={removePool.error} explain={explainInUse} />
      </section>
    </>
  );
}

function NumberRow({ n, poolId, onChange }: { n: PoolNumber; poolId: string; onChange: () => Promise<void> }) {
  const path = { poolId, number: n.number };
  const health = useMutation({
    mutationFn: (healthy: boolean) => ok(api.PATCH('/v1/pools/{poolId}/numbers/{number}', { params: { path }, body: { healthy } })),
    onSuccess: onChange,
  });
  const remove = useMutation({
    mutationFn: (drain: boolean) => ok(api.DELETE('/v1/pools/{poolId}/numbers/{number}', { params: { path, query: { drain: drain ? 'true' : 'false' } } })),
    onSuccess: onChange,
  });
  const masked = maskNumber(n.number);
  const state = [n.healthy ? 'healthy' : 'unhealthy', n.draining ? 'draining' : '', n.cooloffUntil ? 'cooling off' : ''].filter(Boolean).join(', ');
  return (
    <tr>
      <td>
        <Masked number={n.number} />
      </td>
      <td>{n.country}</td>
      <td>{state}</td>
      <td>{n.bindings}</td>
      <td className="actions">
        <button type="button" onClick={() => health.mutate(!n.healthy)} aria-label={`Mark ${n.healthy ? 'unhealthy' : 'healthy'} ${masked}`}>
          Mark {n.healthy ? 'unhealthy' : 'healthy'}
        </button>
        {!n.draining && (
          <button type="button" onClick={() => remove.mutate(true)} aria-label={`Drain ${masked}`}>
            Drain
          </button>
        )}
        <button type="button" className="danger" onClick={() => remove.mutate(false)} aria-label={`Delete ${masked}`}>
          Delete
        </button>
        <Problem error={health.error ?? remove.error} explain={explainInUse} />
      </td>
    </tr>
  );
}
