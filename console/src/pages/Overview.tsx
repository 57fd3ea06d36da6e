/**
 * What an operator checks first: calls now, calls per minute by outcome, setup
 * latency, why calls fail, the webhook backlog and pools running out. Figures
 * come from the live event feed and refresh as events arrive.
 */
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { Chart } from '../components/Chart';
import { Problem } from '../components/Problem';
import { seconds } from '../format';
import { callOf, useLive } from '../live';
import { summarize } from '../stats';
import { href } from '../router';

const MINUTES = 30;

export function Overview() {
  const { bins, events } = useLive();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(t);
  }, []);
  const health = useQuery({ queryKey: ['healthz'], queryFn: () => ok(api.GET('/healthz', {})), refetchInterval: 5000 });
  const hooks = useQuery({ queryKey: ['webhooks', 'stats'], queryFn: () => ok(api.GET('/v1/webhooks/stats', {})), refetchInterval: 10_000 });
  const pools = useQuery({ queryKey: ['pools'], queryFn: () => ok(api.GET('/v1/pools', { params: { query: { limit: 1000 } } })) });
  // `bins` changes identity whenever events arrive; `now` moves the window along.
  const stats = useMemo(() => summarize(bins, Math.max(now, Date.now()), MINUTES), [bins, now]);

  // Calls whose latest event says they are still up, on any instance (the log is shared).
  const upNow = useMemo(() => {
    const state = new Map<string, string>();
    for (const e of events) {
      const c = callOf(e);
      if (c?.id) state.set(c.id, c.state);
    }
    return [...state.values()].filter((st) => st === 'ringing' || st === 'answered').length;
  }, [events]);
  const outcomeSeries = useMemo(
    () => [
      { label: 'completed', color: '#1a7f37', values: stats.completed },
      { label: 'failed', color: '#c62828', values: stats.failed },
    ],
    [stats],
  );
  const latencySeries = useMemo(() => [{ label: 'setup ms (avg)', color: '#1f5fbf', values: stats.latency }], [stats]);
  const tight = (pools.data?.items ?? [])
    .map((p) => ({ id: p.id, free: p.counts.available, total: p.counts.numbers, share: p.counts.numbers ? p.counts.available / p.counts.numbers : 0 }))
    .sort((a, b) => a.share - b.share)
    .slice(0, 5);

  return (
    <>
      <h1>Overview</h1>
      <section className="figures" aria-label="Now">
        <Figure label="Calls up now (all instances)" value={String(upNow)} />
        <Figure label="Calls bridged by this instance" value={health.data ? String(health.data.activeCalls) : '…'} />
        <Figure label={`Completed calls, last ${MINUTES} min`} value={String(stats.total.completed)} />
        <Figure label={`Failed calls, last ${MINUTES} min`} value={String(stats.total.failed)} />
        <Figure label="Setup latency p50 / p95" value={stats.p50 === null ? '—' : `${stats.p50} / ${stats.p95 ?? '—'} ms`} />
        <Figure label="Webhooks pending" value={hooks.data ? String(hooks.data.pending) : '…'} />
        <Figure label="Oldest pending webhook" value={hooks.data ? seconds(hooks.data.oldestPendingAgeSeconds) : '…'} />
        <Figure label="Dead letters" value={hooks.data ? String(hooks.data.dead) : '…'} href={href('webhooks')} />
      </section>
      <Problem error={health.error ?? hooks.error ?? pools.error} />
      <div className="grid2">
        <Chart
          title="Calls per minute by outcome"
          summary={`${stats.total.completed} completed and ${stats.total.failed} failed in the last ${MINUTES} minutes`}
          x={stats.x}
          series={outcomeSeries}
          bars
        />
        <Chart
          title="Setup latency (INVITE to ringing)"
          summary={stats.p50 === null ? 'no calls rang in this window' : `median ${stats.p50} ms, 95th percentile ${stats.p95} ms`}
          x={stats.x}
          series={latencySeries}
        />
        <section aria-labelledby="why">
          <h2 id="why">Failed calls by reason</h2>
          {stats.reasons.length === 0 ? (
            <p>No failed calls in the last {MINUTES} minutes.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col">Calls</th>
                </tr>
              </thead>
              <tbody>
                {stats.reasons.map(([why, n]) => (
                  <tr key={why}>
                    <td>{why}</td>
                    <td>{n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="tight">
          <h2 id="tight">Pools nearest exhaustion</h2>
          {tight.length === 0 ? (
            <p>No pools yet.</p>
          ) : (
            <ul className="plain">
              {tight.map((p) => (
                <li key={p.id}>
                  <a href={href('pools', p.id)}>{p.id}</a>: {p.free} of {p.total} free{' '}
                  <meter min={0} max={1} low={0.2} high={0.5} optimum={1} value={p.share} aria-label={`${p.id} free share`} />
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

function Figure({ label, value, href: to }: { label: string; value: string; href?: string }) {
  return (
    <div className="figure">
      <span className="label">{label}</span>
      <span className="value">{to ? <a href={to}>{value}</a> : value}</span>
    </div>
  );
}
