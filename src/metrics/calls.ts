/**
 * The call side of the metrics, fed by what the call path already does: the
 * in-process call events (setup latency, how calls ended), the final response
 * of every INVITE, and the routing lookup's result. Nothing here waits on I/O.
 */
import type { CallEvents } from '../sip/call-events.js';
import type { ResolveResult } from '../masking/types.js';
import type { Metrics } from './metrics.js';

/** Subscribes to the call events; returns the unsubscribe function. */
export function observeCalls(metrics: Metrics, events: CallEvents): () => void {
  const ringing = metrics.callSetup.labels('ringing');
  const answered = metrics.callSetup.labels('answered');
  return events.on((e) => {
    // A request-a-call starts at the API, not at an INVITE in: its setup is not this histogram's.
    const inbound = e.direction !== 'request-a-call';
    switch (e.type) {
      case 'call.ringing':
        if (inbound && e.startedAt) ringing.observe((e.occurredAt - e.startedAt) / 1000);
        break;
      case 'call.answered':
        if (inbound && e.startedAt) answered.observe((e.occurredAt - e.startedAt) / 1000);
        break;
      case 'call.completed':
      case 'call.failed':
        metrics.callEnds.inc({ reason: e.endReason ?? 'unknown' });
        break;
      default:
        break;
    }
  });
}

/** The outcome of an INVITE by its final status: answered, cancelled (487) or rejected. */
export function countFinalResponse(metrics: Metrics): (status: number) => void {
  return (status) => {
    const outcome = status >= 200 && status < 300 ? 'answered' : status === 487 ? 'cancelled' : 'rejected';
    metrics.calls.inc({ outcome, sip_status: String(status) });
  };
}

/** Wraps the call path's routing lookup to count its results. */
export function countRouting<A extends unknown[]>(metrics: Metrics, lookup: (...args: A) => Promise<ResolveResult>): (...args: A) => Promise<ResolveResult> {
  return (...args) =>
    lookup(...args).then(
      (r) => {
        metrics.routing.inc({ result: r.kind });
        return r;
      },
      (err: unknown) => {
        metrics.routing.inc({ result: 'error' });
        throw err;
      },
    );
}
