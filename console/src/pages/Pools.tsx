/** Every pool with its utilisation, and a form to create one. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { Stack } from '../components/Meter';
import { Problem } from '../components/Problem';
import { href, navigate } from '../router';

export function Pools() {
  const qc = useQueryClient();
  const pools = useQuery({ queryKey: ['pools'], queryFn: () => ok(api.GET('/v1/pools', { params: { query: { limit: 1000 } } })) });
  const [id, setId] = useState('');
  const [description, setDescription] = useState('');
  const create = useMutation({
    mutationFn: () => ok(api.POST('/v1/pools', { body: { id: id.trim(), ...(description ? { description } : {}) } })),
    onSuccess: async (p) => {
      await qc.invalidateQueries({ queryKey: ['pools'] });
      navigate('pools', p.id);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <>
      <h1>Pools</h1>
      <Problem error={pools.error} />
      {pools.data && pools.data.items.length === 0 && <p>No pools yet: create one below.</p>}
      <ul className="cards">
        {pools.data?.items.map((p) => (
          <li key={p.id} className="card">
            <h2>
              <a href={href('pools', p.id)}>{p.id}</a>
            </h2>
            {p.description && <p>{p.description}</p>}
            <Stack
              label={`Pool ${p.id}`}
              parts={[
                { label: 'bound', value: p.counts.inUse, className: 'bound' },
                { label: 'free', value: p.counts.available, className: 'free' },
                { label: 'unhealthy', value: p.counts.numbers - p.counts.healthy, className: 'unhealthy' },
              ]}
            />
            <p className="muted">
              {p.counts.numbers} numbers · {p.counts.openSessions} open sessions
            </p>
          </li>
        ))}
      </ul>
      <section aria-labelledby="new-pool">
        <h2 id="new-pool">New pool</h2>
        <form className="row" onSubmit={submit}>
          <label>
            Pool id
            <input value={id} onChange={(e) => setId(e.target.value)} required />
          </label>
          <label>
            Description
            <input value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <button type="submit" disabled={create.isPending}>
            Create pool
          </button>
        </form>
        <Problem error={create.error} />
      </section>
    </>
  );
}
