/**
 * Creating a session: pool, parties, mode, TTL, reference; announcements and
 * recording only when a media server is configured (without one they cannot play).
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { Problem } from '../components/Problem';
import { navigate } from '../router';

type Mode = 'shared' | 'dedicated' | 'per-participant';

export function CreateSession() {
  const qc = useQueryClient();
  const pools = useQuery({ queryKey: ['pools'], queryFn: () => ok(api.GET('/v1/pools', { params: { query: { limit: 1000 } } })) });
  const ready = useQuery({ queryKey: ['readyz'], queryFn: async () => {
    // 503 (not ready) carries the same body: either tells whether media servers are configured.
    const r = await api.GET('/readyz', {});
    return r.data ?? r.error ?? null;
  } });
  const media = Boolean(ready.data && 'media' in ready.data && ready.data.media);
  const prompts = useQuery({ queryKey: ['prompts'], enabled: media, queryFn: () => ok(api.GET('/v1/prompts', {})) });
  const [f, setF] = useState({ poolId: '', firstParty: '', secondParty: '', mode: 'shared' as Mode, ttlMinutes: '', clientReference: '', record: false, annA: '', annB: '' });
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });

  const create = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/v1/sessions', {
          body: {
            poolId: f.poolId || pools.data?.items[0]?.id || '',
            firstParty: f.firstParty.trim(),
            secondParty: f.secondParty.trim(),
            mode: f.mode,
            ...(f.ttlMinutes ? { ttlSeconds: Math.round(Number(f.ttlMinutes) * 60) } : {}),
            ...(f.clientReference ? { clientReference: f.clientReference } : {}),
            record: media && f.record,
            initiateCallToFirstParty: false,
            ...(media && (f.annA || f.annB) ? { announcements: { ...(f.annA ? { firstParty: f.annA } : {}), ...(f.annB ? { secondParty: f.annB } : {}) } } : {}),
          },
        }),
      ),
    onSuccess: async (s) => {
      await qc.invalidateQueries({ queryKey: ['sessions'] });
      navigate('sessions', s.id);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };

  return (
    <section aria-labelledby="new-session">
      <h2 id="new-session">New session</h2>
      <form className="grid-form" onSubmit={submit}>
        <label>
          Pool
          <select value={f.poolId} onChange={(e) => set({ poolId: e.target.value })} required={false}>
            {(pools.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.id} ({p.counts.available} free)
              </option>
            ))}
          </select>
        </label>
        <label>
          First party (E.164)
          <input value={f.firstParty} onChange={(e) => set({ firstParty: e.target.value })} required autoComplete="off" inputMode="tel" />
        </label>
        <label>
          Second party (E.164)
          <input value={f.secondParty} onChange={(e) => set({ secondParty: e.target.value })} required autoComplete="off" inputMode="tel" />
        </label>
        <label>
          Mode
          <select value={f.mode} onChange={(e) => set({ mode: e.target.value as Mode })}>
            <option value="shared">shared (number reused across pairs)</option>
            <option value="dedicated">dedicated (a number for this session)</option>
            <option value="per-participant">per-participant (a number each)</option>
          </select>
        </label>
        <label>
          TTL in minutes (empty: default)
          <input value={f.ttlMinutes} onChange={(e) => set({ ttlMinutes: e.target.value })} inputMode="numeric" pattern="[0-9]*" />
        </label>
        <label>
          Client reference
          <input value={f.clientReference} onChange={(e) => set({ clientReference: e.target.value })} autoComplete="off" />
        </label>
        {media && (
          <>
            <label className="check">
              <input type="checkbox" checked={f.record} onChange={(e) => set({ record: e.target.checked })} /> Record calls
            </label>
            <label>
              Announcement to first party
              <select value={f.annA} onChange={(e) => set({ annA: e.target.value })}>
                <option value="">none</option>
                {prompts.data?.items.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Announcement to second party
              <select value={f.annB} onChange={(e) => set({ annB: e.target.value })}>
                <option value="">none</option>
                {prompts.data?.items.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        <div>
          <button type="submit" disabled={create.isPending}>
            Create session
          </button>
        </div>
      </form>
      <Problem error={create.error} />
    </section>
  );
}
