/** Webhook delivery: the backlog, dead letters with their last error, retry one or all. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { Problem } from '../components/Problem';
import { seconds, when } from '../format';
import { href } from '../router';
import { RoutingDecisions } from './RoutingDecisions';

export function Webhooks() {
  const qc = useQueryClient();
  const stats = useQuery({ queryKey: ['webhooks', 'stats'], queryFn: () => ok(api.GET('/v1/webhooks/stats', {})), refetchInterval: 10_000 });
  const dead = useQuery({
    queryKey: ['webhooks', 'dead'],
    // The API lists the newest 500 dead letters in one answer.
    queryFn: async () => (await ok(api.GET('/v1/webhooks/dead', { params: { query: { limit: 500 } } }))).items,
  });
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['webhooks'] });
  const retry = useMutation({
    mutationFn: (eventId: string) => ok(api.POST('/v1/webhooks/dead/{eventId}/retry', { params: { path: { eventId } } })),
    onSuccess: async (r) => {
      setDone(`Event ${r.eventId} queued for delivery again.`);
      await refresh();
    },
  });
  const retryAll = useMutation({
    mutationFn: async () => {
      const ids = (dead.data ?? []).map((d) => d.eventId);
      for (const id of ids) await ok(api.POST('/v1/webhooks/dead/{eventId}/retry', { params: { path: { eventId: id } } }));
      return ids.length;
    },
    onSuccess: async (n) => {
      setDone(`${n} dead letter${n === 1 ? '' : 's'} queued for delivery again.`);
      await refresh();
    },
  });
  const s = stats.data;

  return (
    <>
      <h1>Webhooks</h1>
      <Problem error={stats.error ?? dead.error} />
      {s && (
        <dl className="facts">
          <dt>Pending</dt>
          <dd data-testid="wh-pending">{s.pending}</dd>
          <dt>Being retried</dt>
          <dd>{s.retrying}</dd>
          <dt>Sessions waiting</dt>
          <dd>{s.sessionsWaiting}</dd>
          <dt>Oldest pending</dt>
          <dd>{seconds(s.oldestPendingAgeSeconds)}</dd>
          <dt>Not yet dispatched</dt>
          <dd>{s.undispatched}</dd>
          <dt>Dead letters</dt>
          <dd data-testid="wh-dead">{s.dead}</dd>
        </dl>
      )}
      <section aria-labelledby="dead">
        <h2 id="dead">Dead letters</h2>
        <p className="muted">Events given up after the maximum retry age. Retrying queues one for delivery again, in its session's order.</p>
        {done && (
          <p role="status" className="ok">
            {done}
          </p>
        )}
        <Problem error={retry.error ?? retryAll.error} />
        {dead.data && dead.data.length > 0 && (
          <button type="button" onClick={() => retryAll.mutate()} disabled={retryAll.isPending}>
            Retry all ({dead.data.length})
          </button>
        )}
        {dead.data?.length === 0 && <p>No dead letters.</p>}
        {dead.data && dead.data.length > 0 && (
          <div className="scroll">
            <table>
              <caption className="sr-only">Dead letters</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Type</th>
                  <th scope="col">Session</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Last error</th>
                  <th scope="col">Given up</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {dead.data.map((d) => (
                  <tr key={d.eventId}>
                    <td>
                      <code>{d.eventId}</code>
                    </td>
                    <td>{d.event?.type ?? '—'}</td>
                    <td>
                      <a href={href('sessions', d.sessionId)}>{d.sessionId}</a>
                    </td>
                    <td>{d.attempts}</td>
                    <td className="error-text">{d.lastError}</td>
                    <td>{when(d.deadAt)}</td>
                    <td>
                      <button type="button" onClick={() => retry.mutate(d.eventId)} aria-label={`Retry event ${d.eventId}`}>
                        Retry
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <RoutingDecisions />
    </>
  );
}
