/**
 * Prometheus metrics (prom-client, a registry of our own: no global state).
 *
 * Cost on the hot paths is kept to counters and histograms updated where the
 * work already happens; everything that needs a Redis read (pool counts, webhook
 * backlog) or a look at a connection is collected when /metrics is scraped.
 * No label carries a phone number: routes are patterns, pool ids are masked
 * like log lines, the rest are small fixed sets.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { maskNumber } from '../logger.js';

/** Buckets for what should take milliseconds (Redis commands, API requests). */
const FAST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** Call setup: a few ms to the callee's 180, up to a minute to a person answering. */
const SETUP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60];

/** What a scrape reads at that moment (each optional: a part that is not configured is left out). */
export interface ScrapeSources {
  activeCalls?: () => number;
  /** Each drachtio-server and whether this instance is attached to it. */
  drachtio?: () => { name: string; status: 'up' | 'down' }[];
  mediaServers?: () => { name: string; status: 'up' | 'down' }[];
  /** Per drachtio-server: the share of new calls taken over the last second (1: all), and the limit on them (calls/s; Infinity: none). */
  admission?: () => { name: string; ratio: number; limit: number }[];
  /** True while new calls and API requests are refused for load. */
  overloaded?: () => boolean;
  pools?: () => Promise<{ id: string; counts: { numbers: number; healthy: number; inUse: number; available: number; openSessions: number } }[]>;
  webhooks?: () => Promise<{ pending: number; retrying: number; dead: number; undispatched: number; oldestPendingAgeMs: number | null }>;
}

/** The service's metrics, with one method per thing it counts. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({ name: 'masq_http_requests_total', help: 'API requests by method, route pattern and status', labelNames: ['method', 'route', 'status'] as const, registers: [this.registry] });
  readonly httpDuration = new Histogram({ name: 'masq_http_request_duration_seconds', help: 'API request time by method and route pattern', labelNames: ['method', 'route'] as const, buckets: FAST_BUCKETS, registers: [this.registry] });
  readonly calls = new Counter({ name: 'masq_calls_total', help: 'Calls by outcome (answered, cancelled, rejected) and the final SIP status the caller got', labelNames: ['outcome', 'sip_status'] as const, registers: [this.registry] });
  readonly callEnds = new Counter({ name: 'masq_call_ends_total', help: 'Routed calls by how they ended (caller-hangup, callee-hangup, ring-timeout, time-limit, …)', labelNames: ['reason'] as const, registers: [this.registry] });
  readonly callSetup = new Histogram({ name: 'masq_call_setup_seconds', help: 'From the INVITE in to the ringing (180) or answer (200) relayed to the caller', labelNames: ['stage'] as const, buckets: SETUP_BUCKETS, registers: [this.registry] });
  readonly routing = new Counter({ name: 'masq_routing_lookups_total', help: "Calls' routing lookups by result (open, not_in_session, ended, busy, number_not_found, error)", labelNames: ['result'] as const, registers: [this.registry] });
  readonly sessions = new Counter({ name: 'masq_sessions_total', help: 'Session lifecycle: created, closed, expired', labelNames: ['event'] as const, registers: [this.registry] });
  readonly allocationFailures = new Counter({ name: 'masq_allocation_failures_total', help: 'Session creates refused because the pool had no number left', labelNames: ['pool'] as const, registers: [this.registry] });
  readonly webhookDeliveries = new Counter({ name: 'masq_webhook_deliveries_total', help: 'Webhook delivery attempts by result (ok, retry, dead)', labelNames: ['result'] as const, registers: [this.registry] });
  readonly redisDuration = new Histogram({ name: 'masq_redis_command_duration_seconds', help: 'Redis command time by connection (api, sip) and command (scripts by name)', labelNames: ['connection', 'command'] as const, buckets: FAST_BUCKETS, registers: [this.registry] });
  readonly redisErrors = new Counter({ name: 'masq_redis_command_errors_total', help: 'Redis commands that failed (refused, timed out, script error) by connection', labelNames: ['connection'] as const, registers: [this.registry] });

  constructor(opts: { processMetrics?: boolean } = {}) {
    // Process figures (CPU, memory, event loop lag, GC) come with prom-client; read at scrape.
    if (opts.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Registers the gauges read at scrape time. */
  collectFrom(src: ScrapeSources): void {
    const r = [this.registry];
    if (src.activeCalls) {
      const read = src.activeCalls;
      new Gauge({ name: 'masq_calls_active', help: 'Calls this instance is bridging now', registers: r, collect() { this.set(read()); } });
    }
    if (src.drachtio) {
      const read = src.drachtio;
      new Gauge({
        name: 'masq_drachtio_connected', help: '1 while attached to the drachtio-server (admin address host:port)', labelNames: ['server'] as const, registers: r,
        collect() {
          this.reset();
          for (const s of read()) this.set({ server: s.name }, s.status === 'up' ? 1 : 0);
        },
      });
    }
    if (src.admission) {
      const read = src.admission;
      new Gauge({
        name: 'masq_sip_admission_ratio', help: 'Share of new calls taken on the drachtio-server over the last second (1: all; less while it falls behind, MASQ_OVERLOAD_ACK_DELAY_MS)', labelNames: ['server'] as const, registers: r,
        collect() {
          this.reset();
          for (const s of read()) this.set({ server: s.name }, s.ratio);
        },
      });
      new Gauge({
        name: 'masq_sip_admission_limit', help: 'New calls per second taken at most on the drachtio-server (+Inf: no limit; set while it falls behind, MASQ_OVERLOAD_ACK_DELAY_MS)', labelNames: ['server'] as const, registers: r,
        collect() {
          this.reset();
          for (const s of read()) this.set({ server: s.name }, s.limit);
        },
      });
    }
    if (src.overloaded) {
      const read = src.overloaded;
      new Gauge({ name: 'masq_overloaded', help: '1 while this instance refuses new calls and API requests for load (event-loop lag over MASQ_OVERLOAD_LAG_MS)', registers: r, collect() { this.set(read() ? 1 : 0); } });
    }
    if (src.mediaServers) {
      const read = src.mediaServers;
      new Gauge({
        name: 'masq_media_server_connected', help: '1 while the media server (FreeSWITCH event socket) is connected', labelNames: ['server'] as const, registers: r,
        collect() {
          this.reset();
          for (const s of read()) this.set({ server: s.name }, s.status === 'up' ? 1 : 0);
        },
      });
    }
    if (src.pools) {
      const read = src.pools;
      new Gauge({
        name: 'masq_pool_numbers', help: 'Numbers per pool: total, healthy, bound (in an open session), free (open to new sessions)', labelNames: ['pool', 'state'] as const, registers: r,
        async collect() {
          const pools = await read().catch(() => undefined);
          if (!pools) return; // Redis away: keep the last figures rather than report zeros
          this.reset();
          for (const p of pools) {
            const pool = poolLabel(p.id);
            this.set({ pool, state: 'total' }, p.counts.numbers);
            this.set({ pool, state: 'healthy' }, p.counts.healthy);
            this.set({ pool, state: 'bound' }, p.counts.inUse);
            this.set({ pool, state: 'free' }, p.counts.available);
          }
        },
      });
    }
    if (src.webhooks) {
      const read = src.webhooks;
      const dead = new Gauge({ name: 'masq_webhook_dead_letters', help: 'Events given up after the maximum retry age', registers: r });
      const oldest = new Gauge({ name: 'masq_webhook_oldest_pending_seconds', help: 'Age of the oldest event waiting for delivery (0: none)', registers: r });
      new Gauge({
        name: 'masq_webhook_backlog', help: 'Events waiting for delivery: pending (queued), retrying, undispatched (not yet queued)', labelNames: ['state'] as const, registers: r,
        async collect() {
          const s = await read().catch(() => undefined);
          if (!s) return;
          this.set({ state: 'pending' }, s.pending);
          this.set({ state: 'retrying' }, s.retrying);
          this.set({ state: 'undispatched' }, s.undispatched);
          dead.set(s.dead);
          oldest.set((s.oldestPendingAgeMs ?? 0) / 1000);
        },
      });
    }
  }

  /** The text exposition of every metric. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** A pool id as a label: ids are operator-chosen, so one that looks like a phone number is masked. */
export function poolLabel(id: string): string {
  return maskNumber(id);
}
