/**
 * The Express 5 application: JSON in/out, bearer keys on /v1, one error shape,
 * request logs with numbers masked.
 */
import { shedWhenOverloaded } from './middleware/shed.js';
import express, { type Express, type RequestHandler } from 'express';
import type { Server } from 'node:http';
import type { CountryCode } from 'libphonenumber-js';
import type { Logger } from '../logger.js';
import type { Resolver } from '../masking/resolve.js';
import type { Store } from '../store/index.js';
import { bearerAuth } from './middleware/auth.js';
import { errorHandler, notFound } from './middleware/errors.js';
import { requestLog } from './middleware/request-log.js';
import { buildOpenApi, renderDocsHtml } from './openapi.js';
import { mountDocs } from './docs.js';
import { healthRoutes, type ReadinessCheck } from './routes/health.js';
import { poolRoutes } from './routes/pools.js';
import { promptRoutes } from './routes/prompts.js';
import { recordingRoutes } from './routes/recordings.js';
import type { RecordingFiles } from '../media/recordings.js';
import { eventRoutes } from './routes/events.js';
import { eventStreamRoutes } from './routes/event-stream.js';
import type { EventTail } from '../store/event-tail.js';
import { mountConsole } from './console.js';
import { routingRoutes } from './routes/routing.js';
import { webhookRoutes } from './routes/webhooks.js';
import { callRoutes } from './routes/calls.js';
import { resolveRoute } from './routes/resolve.js';
import { createSessionRoute, sessionRoutes } from './routes/sessions.js';
import { mountRoutes } from './route.js';
import type { CallRequester } from '../sip/request-a-call.js';
import { createSchemas } from './schemas.js';
import type { Metrics } from '../metrics/metrics.js';
import { countRequests, metricsRoute } from '../metrics/http.js';
import { poolLabel } from '../metrics/metrics.js';
import type { SessionCounters } from './routes/sessions.js';

export interface HttpDeps {
  store: Store;
  resolver: Resolver;
  log: Logger;
  apiKeys: readonly string[];
  insecureNoAuth: boolean;
  defaultRegion: CountryCode;
  ttlDefaultS: number;
  ttlMaxS: number;
  version: string;
  readiness: Readonly<Record<string, ReadinessCheck>>;
  /** Recording files (when media is configured). */
  recordings?: RecordingFiles;
  /** Shown by /readyz without deciding it (media servers: calls connect without them). */
  readinessInfo?: Readonly<Record<string, () => unknown>>;
  isDraining: () => boolean;
  /** True while this instance is too busy for new requests (503 + Retry-After; probes still answered). */
  overloaded?: () => boolean;
  /** Calls this instance is bridging now. */
  activeCalls: () => number;
  /** Request-a-call (POST /v1/sessions/{id}/calls). */
  calls: CallRequester;
  /** The live reader of the event log behind /v1/events/stream. */
  eventTail: EventTail;
  /** Where the console's built files are, when it is served. */
  consoleDir?: string;
  /** Prometheus metrics, served at /metrics (behind `metricsKey` when set). */
  metrics?: Metrics;
  metricsKey?: string;
}

/**
 * @example const app = createHttpApp(deps); app.listen(8080);
 */
export function createHttpApp(deps: HttpDeps): Express {
  const schemas = createSchemas(deps.defaultRegion, { ttlMaxS: deps.ttlMaxS });
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');

  app.use(requestLog(deps.log, deps.metrics ? countRequests(deps.metrics) : undefined));
  if (deps.overloaded) app.use(shedWhenOverloaded(deps.overloaded));
  // Keys, when given, are always enforced; only a keyless lab setup runs open.
  const auth: RequestHandler =
    deps.apiKeys.length > 0 || !deps.insecureNoAuth ? bearerAuth(deps.apiKeys) : (_req, _res, next) => next();
  const json = express.json({ limit: '1mb', strict: true });
  // Hottest first: Express walks the layers in order.
  const { store } = deps;
  const counters = deps.metrics ? sessionCounters(deps.metrics) : undefined;
  const routes = [
    resolveRoute({ schemas, resolver: deps.resolver }),
    createSessionRoute({ store, schemas, ttlDefaultS: deps.ttlDefaultS, calls: deps.calls, ...(counters ? { counters } : {}) }),
    ...sessionRoutes({ store, schemas, calls: deps.calls, ...(counters ? { counters } : {}) }),
    ...callRoutes({ store, schemas }),
    ...eventStreamRoutes({ store, tail: deps.eventTail }),
    ...eventRoutes({ store, schemas }),
    ...webhookRoutes({ store, schemas }),
    ...routingRoutes({ store }),
    ...poolRoutes({ store, schemas, defaultRegion: deps.defaultRegion }),
    ...healthRoutes(deps.readiness, deps.isDraining, deps.activeCalls, deps.readinessInfo),
    ...promptRoutes({ store, schemas }),
    ...recordingRoutes({ store, files: deps.recordings }),
    ...(deps.metrics ? [metricsRoute(deps.metrics, deps.metricsKey)] : []),
  ];
  mountRoutes(app, routes, { auth, json });
  // Kept for introspection (the tests check every answer against its declared schema).
  app.locals.routes = routes;
  const openapi = buildOpenApi(routes, deps.version);
  const docsHtml = renderDocsHtml(openapi as Parameters<typeof renderDocsHtml>[0]);
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  mountDocs(app, 'Masq API reference', docsHtml);

  if (deps.consoleDir) mountConsole(app, deps.consoleDir);

  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}

/** Session lifecycle counts as the routes report them. */
function sessionCounters(m: Metrics): SessionCounters {
  const created = m.sessions.labels('created');
  const closed = m.sessions.labels('closed');
  return {
    created: () => created.inc(),
    closed: () => closed.inc(),
    exhausted: (poolId) => m.allocationFailures.inc({ pool: poolLabel(poolId) }),
  };
}

/**
 * Stops listening and resolves once every connection is gone. Idle keep-alive
 * connections close at once; one still busy after `graceMs` (a half-sent
 * request, a client that stopped reading) is cut, so a shutdown never waits on
 * a client.
 */
export function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
