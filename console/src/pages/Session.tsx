/**
 * One session: both parties (masked) and the numbers they see, its stats,
 * extend and close, and a timeline of its events and calls that grows live.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { Masked } from '../components/Masked';
import { Problem } from '../components/Problem';
import { seconds, when } from '../format';
import { Timeline } from './Timeline';

export function SessionPage({ sessionId }: { sessionId: string }) {
  const qc = useQueryClient();
  const path = { sessionId };
  const session = useQuery({ queryKey: ['session', sessionId], queryFn: () => ok(api.GET('/v1/sessions/{sessionId}', { params: { path } })) });
  const [extendBy, setExtendBy] = useState('60');
  const changed = () => qc.invalidateQueries({ queryKey: ['session', sessionId] });
  const extend = useMutation({
    mutationFn: (ttlSeconds: number) => ok(api.PATCH('/v1/sessions/{sessionId}', { params: { path }, body: { ttlSeconds } })),
    onSuccess: changed,
  });
  const close = useMutation({
    mutationFn: () => ok(api.DELETE('/v1/sessions/{sessionId}', { params: { path } })),
    onSuccess: changed,
  });
  const s = session.data;

  return (
    <>
      <p className="crumbs">
        <a href="#/sessions">Sessions</a> /
      </p>
      <h1>
        Session <code>{sessionId}</code>
      </h1>
      <Problem error={session.error} />
      {s && (
        <>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <span className={`badge ${s.status}`} data-testid="session-status">
                {s.status}
              </span>
            </dd>
            <dt>Pool / mode</dt>
            <dd>
              <a href={`#/pools/${encodeURIComponent(s.poolId)}`}>{s.poolId}</a> · {s.mode}
            </dd>
            <dt>First party</dt>
            <dd>
              <Masked number={s.firstParty.number} label="first party" /> sees <Masked number={s.firstParty.proxyNumber} label="first party's virtual number" />
            </dd>
            <dt>Second party</dt>
            <dd>
              <Masked number={s.secondParty.number} label="second party" /> sees <Masked number={s.secondParty.proxyNumber} label="second party's virtual number" />
            </dd>
            <dt>Created / expires</dt>
            <dd>
              {when(s.createdAt)} → {when(s.expiresAt)} (TTL {seconds(s.ttlSeconds)}){s.endedAt ? `, ended ${when(s.endedAt)}` : ''}
            </dd>
            <dt>Calls</dt>
            <dd data-testid="session-stats">
              {s.stats.callCount} call{s.stats.callCount === 1 ? '' : 's'}, {seconds(s.stats.totalDurationSeconds)} talked, last {when(s.stats.lastCallAt)}
            </dd>
            {s.clientReference && (
              <>
                <dt>Client reference</dt>
                <dd>{s.clientReference}</dd>
              </>
            )}
            <dt>Recording</dt>
            <dd>{s.record ? 'on' : 'off'}</dd>
          </dl>
          {s.status === 'open' && (
            <div className="row">
              <form
                className="row"
                onSubmit={(e) => {
                  e.preventDefault();
                  extend.mutate(s.ttlSeconds + Math.round(Number(extendBy) * 60));
                }}
              >
                <label>
                  Extend by (minutes)
                  <input value={extendBy} onChange={(e) => setExtendBy(e.target.value)} inputMode="numeric" pattern="[0-9]+" required />
                </label>
                <button type="submit" disabled={extend.isPending}>
                  Extend
                </button>
              </form>
              <button type="button" className="danger" disabled={close.isPending} onClick={() => close.mutate()}>
                Close session
              </button>
            </div>
          )}
          <Problem error={extend.error ?? close.error} />
          <Timeline sessionId={sessionId} session={s} />
        </>
      )}
    </>
  );
}
