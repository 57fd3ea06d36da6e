/**
 * createApp: the one place the parts are wired together. No globals; every
 * dependency comes in through `deps`.
 */
import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { closeServer, createHttpApp } from './http/server.js';
import { createResolver, type Resolver } from './masking/resolve.js';
import { createStore, type Store } from './store/index.js';
import { closeRedis, type Redis } from './store/redis.js';
import { createSweeper, type Sweeper } from './store/sweeper.js';
import { CallEvents } from './sip/call-events.js';
import { createSipRuntime, type SipRuntime } from './sip/runtime.js';
import { createDeliveryWorker, type DeliveryWorker } from './webhooks/delivery-worker.js';
import { createRoutingCallback } from './sip/routing-callback.js';
import { withDecisionLog } from './sip/routing-decisions.js';
import { createRtpengineAnchor } from './media/rtpengine.js';
import { MediaServers } from './media/media-servers.js';
import { PromptFiles } from './media/prompt-files.js';
import { AnnouncementPicker } from './media/announcements.js';
import { builtInAnnouncements } from './media/default-prompts.js';
import { announcingReject } from './sip/announce-reject.js';
import { rejectWithStatus } from './sip/reject-call.js';
import { FrontEnds } from './sip/front-ends.js';
import { LoadGuard } from './load-guard.js';
import { createCallRequester } from './sip/request-a-call.js';
import { RecordingFiles } from './media/recordings.js';
import type { MediaPath } from './sip/media-plan.js';
import type { Announcements } from './masking/types.js';
import { TtlCache } from './ttl-cache.js';
import { EventTail } from './store/event-tail.js';
import { StoreUnavailable } from './errors.js';
import { Metrics } from './metrics/metrics.js';
import { instrumentRedis } from './metrics/redis-metrics.js';
import { countFinalResponse, countRouting, observeCalls } from './metrics/calls.js';
import { createHousekeeping } from './housekeeping.js';

export interface AppDeps {
  config: Config;
  redis: Redis;
  log: Logger;
  version?: string;
}

export interface App {
  readonly http: Express;
  readonly store: Store;
  readonly resolver: Resolver;
  readonly sweeper: Sweeper;
  readonly events: CallEvents;
  readonly webhooks: DeliveryWorker | undefined;
  /** The SIP side, when MASQ_SIP_ENABLED. */
  readonly sip: SipRuntime | undefined;
  /** Prometheus metrics (MASQ_METRICS_ENABLED). */
  readonly metrics: Metrics | undefined;
  /** Listens on the configured host/port (port 0 = any free port); returns the bound port. */
  start(): Promise<number>;
  /** Stops taking work, finishes what is in flight. Safe to call twice. */
  stop(): Promise<void>;
}

/** How long stop() lets an HTTP request still in flight finish before its connection is cut. */
const HTTP_CLOSE_GRACE_MS = 2000;

/** Wires every part from its dependencies; nothing starts until start(). */
export function createApp(deps: AppDeps): App {
  const { config, redis, log } = deps;
  const metrics = config.metrics.enabled ? new Metrics() : undefined;
  if (metrics) instrumentRedis(redis, metrics, 'api');
  const storeOn = (r: Redis) =>
    createStore({
      redis: r,
      prefix: config.redis.prefix,
      limits: {
        ttlMaxS: config.sessions.ttlMaxS,
        tombstoneRetentionS: config.sessions.tombstoneRetentionS,
        unmatchedCallRetentionS: config.sessions.unmatchedCallRetentionS,
        eventRetentionS: config.sessions.eventRetentionS,
      },
    });
  const store = storeOn(redis);
  // While Redis is away its connection says so (store/redis.ts); the parts whose
  // commands fail meanwhile log that at debug only.
  const isOutage = (err: unknown): boolean => err instanceof StoreUnavailable && redis.status !== 'ready';
  const resolver = createResolver((from, to, call) => store.sessions.resolve(from, to, call));
  // The SIP side gets its own connection, auto-pipelined: calls are independent of
  // each other, so sending what many calls issued in one turn of the event loop as
  // one batch saves Redis and Node work per call. (The HTTP API stays unbatched:
  // there a request waits for its one command, and the deferral cost throughput.)
  const sipRedis = config.sip.enabled ? redis.duplicate({ enableAutoPipelining: true }) : undefined;
  sipRedis?.on('error', (err: Error) => log.debug({ err }, 'redis (SIP connection) error'));
  if (sipRedis && metrics) instrumentRedis(sipRedis, metrics, 'sip');
  const sipStore = sipRedis ? storeOn(sipRedis) : store;
  const lookup: Parameters<typeof createResolver>[0] = (from, to, call) => sipStore.sessions.resolve(from, to, call);
  const sipResolver = createResolver(metrics ? countRouting(metrics, lookup) : lookup);
  const sweeper = createSweeper({
    sessions: store.sessions,
    calls: store.calls,
    intervalMs: config.sessions.sweepIntervalMs,
    log: log.child({ component: 'sweeper' }),
    isOutage,
    ...(metrics ? { onExpired: (n: number) => metrics.sessions.inc({ event: 'expired' }, n) } : {}),
  });
  // Saturated CPU: new calls and requests are refused at once rather than queued into timeouts.
  const guard = new LoadGuard({
    maxLagMs: config.overloadLagMs,
    onChange: (shedding, lagMs) =>
      shedding ? log.warn({ lagMs, limitMs: config.overloadLagMs }, 'overloaded: refusing new calls and API requests (503)') : log.info({ lagMs }, 'load back to normal: taking new work'),
  });
  const overloaded = () => guard.overloaded;
  const events = new CallEvents();
  if (metrics) observeCalls(metrics, events);
  const frontEnds = config.sip.enabled ? new FrontEnds(config.sip.drachtio, log.child({ component: 'sip' }), { ackDelayTargetMs: config.overloadAckDelayMs }) : undefined;
  const srf = frontEnds?.forMedia();
  const media =
    srf && config.media.servers.length > 0
      ? new MediaServers({
          srf,
          servers: config.media.servers,
          ...(config.media.listenAddress ? { listenAddress: config.media.listenAddress } : {}),
          ...(config.media.advertisedAddress ? { advertisedAddress: config.media.advertisedAddress } : {}),
          log: log.child({ component: 'media' }),
        })
      : undefined;
  const picker = media
    ? new AnnouncementPicker(
        new PromptFiles({ prompts: sipStore.prompts, dir: config.media.promptsDir, mediaDir: config.media.mediaPromptsDir, log }),
        builtInAnnouncements(),
      )
    : undefined;
  const recordings = media
    ? new RecordingFiles({ dir: config.media.recordingsDir, mediaDir: config.media.mediaRecordingsDir, store: store.recordings, log })
    : undefined;
  const poolAnnouncements = new TtlCache<Announcements | undefined>(5000, (poolId) => sipStore.pools.announcements(poolId));
  const mediaPath: MediaPath | undefined =
    media && picker && recordings
      ? { servers: media, picker, poolAnnouncements: (id) => poolAnnouncements.get(id), recordingPath: (id) => recordings.mediaPathFor(id) }
      : undefined;
  const settleRecording = async (callId: string, started: boolean, reason?: string): Promise<void> => {
    if (recordings) return recordings.settle(callId, started, reason);
    await store.recordings.settle({ callId, status: 'failed', reason: reason ?? 'media_unavailable' }).catch((err: unknown) => log.warn({ err, callId }, 'recording outcome not stored'));
  };
  const anchor = config.sip.enabled && config.sip.mediaAnchor ? createRtpengineAnchor(config.sip.mediaAnchor.servers) : undefined;
  const sip = frontEnds
    ? createSipRuntime({
        frontEnds,
        config: config.sip,
        resolver: sipResolver,
        calls: sipStore.calls,
        events,
        log: log.child({ component: 'sip' }),
        isVirtualNumber: (n) => sipStore.pools.isVirtualNumber(n),
        claimNonce: (n, ttlMs) => sipStore.nonces.claim(n, ttlMs),
        ...(srf && media && picker ? { media, rejectCall: announcingReject({ srf, media, picker, store: sipStore, poolAnnouncements: (id) => poolAnnouncements.get(id) }, rejectWithStatus) } : {}),
        ...(mediaPath ? { mediaPath } : {}),
        settleRecording,
        ...(config.overloadLagMs > 0 ? { overloaded } : {}),
        ...(metrics ? { onFinalResponse: countFinalResponse(metrics) } : {}),
        ...(anchor ? { anchor } : {}),
        ...(config.webhooks.routingCallbackUrl
          ? {
              routing: withDecisionLog(
                createRoutingCallback({
                  url: config.webhooks.routingCallbackUrl,
                  secret: config.webhooks.secret,
                  timeoutMs: config.webhooks.routingCallbackTimeoutMs,
                  defaultRegion: config.defaultRegion,
                }),
                sipStore.routing,
              ),
            }
          : {}),
      })
    : undefined;
  const webhooks = config.webhooks.enabled
    ? createDeliveryWorker({
        store: store.deliveries,
        config: config.webhooks,
        log: log.child({ component: 'webhooks' }),
        isOutage,
        ...(metrics ? { onOutcome: (kind: 'ok' | 'retry' | 'dead') => metrics.webhookDeliveries.inc({ result: kind }) } : {}),
      })
    : undefined;
  let draining = false;
  let server: Server | undefined;
  let stopping: Promise<void> | undefined;

  const eventTail = new EventTail({ redis, key: store.events.streamKey, log: log.child({ component: 'event-stream' }) });
  const http = createHttpApp({
    store,
    resolver,
    log,
    apiKeys: config.auth.apiKeys,
    insecureNoAuth: config.auth.insecureNoAuth,
    defaultRegion: config.defaultRegion,
    ttlDefaultS: config.sessions.ttlDefaultS,
    ttlMaxS: config.sessions.ttlMaxS,
    version: deps.version ?? '0.0.0',
    ...(recordings ? { recordings } : {}),
    readiness: { redis: () => store.ping(), ...(sip ? { sip: () => sip.ready() } : {}) },
    // Reported by /readyz, never failing it: without media, calls still connect.
    readinessInfo: { ...(media ? { media: () => media.state() } : {}), ...(frontEnds ? { drachtio: () => frontEnds.state() } : {}) },
    isDraining: () => draining,
    ...(config.overloadLagMs > 0 ? { overloaded } : {}),
    activeCalls: () => sip?.registry.size ?? 0,
    ...(metrics ? { metrics } : {}),
    ...(config.metrics.key ? { metricsKey: config.metrics.key } : {}),
    calls: createCallRequester({ sessions: store.sessions, calls: store.calls, sip, ringTimeoutS: config.sip.ringTimeoutS, callTimeLimitS: config.sip.callTimeLimitS }),
    eventTail,
    ...(config.console.enabled ? { consoleDir: config.console.dir } : {}),
  });
  metrics?.collectFrom({
    activeCalls: () => sip?.registry.size ?? 0,
    ...(frontEnds ? { drachtio: () => frontEnds.state(), admission: () => frontEnds.admissionState() } : {}),
    ...(config.overloadLagMs > 0 ? { overloaded } : {}),
    ...(media ? { mediaServers: () => media.state() } : {}),
    // A label set per pool: the first 1,000 pools only.
    pools: () => store.pools.listAll(1000),
    webhooks: () => store.deliveries.stats(),
  });

  const housekeeping = createHousekeeping({
    store,
    bootstrap: config.bootstrap,
    defaultRegion: config.defaultRegion,
    recordings,
    recordingRetentionS: config.media.recordingRetentionS,
    isOutage,
    log,
  });

  return {
    http,
    store,
    resolver,
    sweeper,
    events,
    webhooks,
    sip,
    metrics,
    async start() {
      if (config.auth.apiKeys.length === 0) {
        log.warn('MASQ_INSECURE_NO_AUTH=true: the API accepts requests WITHOUT any key. Never run this in production.');
      }
      const s = http.listen(config.http.port, config.http.host);
      server = s;
      await new Promise<void>((resolve, reject) => {
        s.once('listening', resolve);
        s.once('error', reject);
      });
      s.keepAliveTimeout = 65_000;
      sweeper.start();
      guard.start();
      housekeeping.start();
      sip?.start();
      webhooks?.start();
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.http.port;
      log.info({ host: config.http.host, port }, 'http listening');
      return port;
    },
    stop() {
      stopping ??= (async () => {
        draining = true;
        guard.stop();
        housekeeping.stop();
        await sip?.stop();
        await sweeper.stop();
        await webhooks?.stop();
        // Open event streams never end by themselves: end them, or close() would wait forever.
        await eventTail.close();
        if (server) await closeServer(server, HTTP_CLOSE_GRACE_MS);
        // After the calls: their last writes went on it.
        if (sipRedis) await closeRedis(sipRedis);
        anchor?.close();
        log.info('stopped');
      })();
      return stopping;
    },
  };
}

