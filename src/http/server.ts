/**
 * The Express 5 application: JSON in/out, bearer keys on /v1, one error shape,
 * request logs with numbers masked.
 */
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { CountryCode } from 'libphonenumber-js';
import type { Logger } from '../logger.js';
import { maskNumber } from '../logger.js';
import type { Resolver } from '../masking/resolve.js';
import type { Store } from '../store/index.js';
import { bearerAuth } from './middleware/auth.js';
import { errorHandler, notFound } from './middleware/errors.js';
import { buildOpenApi, renderDocsHtml } from './openapi.js';
import { healthRoutes, type ReadinessCheck } from './routes/health.js';
import { poolRoutes } from './routes/pools.js';
import { sessionRoutes } from './routes/sessions.js';
import { createSchemas } from './schemas.js';

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
  isDraining: () => boolean;
}

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * @example const app = createHttpApp(deps); app.listen(8080);
 */
export function createHttpApp(deps: HttpDeps): Express {
  const schemas = createSchemas(deps.defaultRegion, { ttlMaxS: deps.ttlMaxS });
  const openapi = buildOpenApi(schemas, deps.version);
  const docsHtml = renderDocsHtml(openapi as Parameters<typeof renderDocsHtml>[0]);

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID_RE.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: maskNumber(req.url) }),
        res: (res: { statusCode: number | null; raw?: { statusCode: number } }) => ({
          statusCode: res.raw?.statusCode ?? res.statusCode,
        }),
      },
    }),
  );

  app.use(healthRoutes(deps.readiness, deps.isDraining));
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.get('/docs', (_req, res) => {
    res.type('html').send(docsHtml);
  });

  const v1 = express.Router();
  // Keys, when given, are always enforced; only a keyless lab setup runs open.
  if (deps.apiKeys.length > 0 || !deps.insecureNoAuth) v1.use(bearerAuth(deps.apiKeys));
  v1.use(express.json({ limit: '1mb', strict: true }));
  v1.use(poolRoutes({ store: deps.store, schemas, defaultRegion: deps.defaultRegion }));
  v1.use(sessionRoutes({ store: deps.store, schemas, resolver: deps.resolver, ttlDefaultS: deps.ttlDefaultS }));
  app.use('/v1', v1);

  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}
