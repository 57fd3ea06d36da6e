/** The out-of-session routing callback's recent decisions (numbers arrive masked from the API). */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { Problem } from '../components/Problem';
import { when } from '../format';
import { href } from '../router';

/** What the answer asked for, in a few words. */
function detail(d: { action: string; sipStatus?: number; prompt?: string; target?: string; callerId?: string; why?: string }): string {
  if (d.action === 'dial') return `call ${d.target ?? '?'} showing ${d.callerId ?? '?'}`;
  if (d.action === 'reject') return d.sipStatus ? `SIP ${d.sipStatus}` : 'the usual status';
  if (d.action === 'play') return `prompt ${d.prompt ?? '?'}`;
  return `usual rejection${d.why ? ` (${d.why})` : ''}`;
}

export function RoutingDecisions() {
  const q = useQuery({
    queryKey: ['routing', 'decisions'],
    queryFn: () => ok(api.GET('/v1/routing/decisions', { params: { query: { limit: 100 } } })),
    refetchInterval: 10_000,
  });
  return (
    <section aria-labelledby="routing">
      <h2 id="routing">Routing callback decisions</h2>
      <p className="muted">Calls to a virtual number that matched no open session, and what the routing callback (MASQ_ROUTING_CALLBACK_URL) decided.</p>
      <Problem error={q.error} />
      {q.data?.items.length === 0 && <p>No decisions recorded.</p>}
      {q.data && q.data.items.length > 0 && (
        <div className="scroll">
          <table>
            <caption className="sr-only">Routing callback decisions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Call</th>
                <th scope="col">Why asked</th>
                <th scope="col">Decision</th>
                <th scope="col">Details</th>
                <th scope="col">Took</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((d) => (
                <tr key={d.id}>
                  <td>{when(d.decidedAt)}</td>
                  <td>
                    <a href={href('calls', d.callId)}>{d.callId}</a>
                  </td>
                  <td>
                    {d.reason}
                    {d.sessionId && (
                      <>
                        {' '}
                        (<a href={href('sessions', d.sessionId)}>session</a>)
                      </>
                    )}
                  </td>
                  <td>{d.action}</td>
                  <td>{detail(d)}</td>
                  <td>{d.ms} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
