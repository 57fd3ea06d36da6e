/** Maps every failure to the one error shape `{"error":{"code","message","details?"}}`. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { InvalidJson, MalformedRequest, MasqError, PayloadTooLarge, RouteNotFound, StoreUnavailable } from '../../errors.js';
import type { Logger } from '../../logger.js';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

function classify(err: unknown): MasqError | undefined {
  if (err instanceof MasqError) return err;
  const e = err as BodyParserError;
  if (e?.type === 'entity.parse.failed') return new InvalidJson();
  if (e?.type === 'entity.too.large') return new PayloadTooLarge('1 MB');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new MasqError('unsupported_encoding', 415, 415, e.message);
  }
  // The router could not decode a path parameter (`%E0%A4%A` or `%ZZ`): the client's fault.
  if (err instanceof URIError) return new MalformedRequest('a path segment is not valid percent-encoding');
  // Anything else Express or body-parser flags as the client's (4xx) is answered as such, in our shape.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new MasqError('bad_request', e.status, 500, 'the request could not be read');
  }
  return undefined;
}

/** Any path no route serves: 404 in the error shape. */
export const notFound: RequestHandler = (req, _res, next) => next(new RouteNotFound(req.method, req.path));

/** The last middleware: logs unexpected errors, answers with the catalog's status. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const known = classify(err);
    if (!known) {
      log.error({ err, reqId: req.id }, 'unhandled error');
      res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
      return;
    }
    // The Redis connection says an outage once every few seconds (store/redis.ts); each request it fails is detail.
    if (known instanceof StoreUnavailable) log.debug({ err: known, reqId: req.id }, 'store unavailable');
    const retryAfterS = (known as MasqError & { retryAfterS?: number }).retryAfterS;
    if (retryAfterS !== undefined) res.setHeader('Retry-After', String(retryAfterS));
    res.status(known.httpStatus).json(known.toJSON());
  };
}
