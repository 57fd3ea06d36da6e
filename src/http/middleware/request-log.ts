/**
 * One log line per request (method, masked URL, status, duration, request id, plus
 * whatever a handler put in `res.locals.logFields`, e.g. the session id it created).
 * Hand-written rather than pino-http: that cost a fifth of the CPU of a request on
 * this hot path (measured with bench/api), mostly in per-request child loggers and
 * serializer wrapping. No per-request logger either: decorating every request
 * object (a getter) cost another ~5%; handlers log with `req.id`.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../logger.js';
import { maskNumber } from '../../logger.js';

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{1,64}$/;

/** Told about every finished request (metrics), from the same 'finish' listener as the log line. */
export type RequestDone = (req: Request, res: Response, seconds: number) => void;

/** One log line per request (method, route, status, time), numbers masked, sent when the response finishes. */
export function requestLog(log: Logger, onDone?: RequestDone): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID_RE.test(given) ? given : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      onDone?.(req, res, ms / 1000);
      const line = {
        reqId: id,
        method: req.method,
        url: maskNumber(req.originalUrl),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        ...(res.locals.logFields as Record<string, unknown> | undefined),
      };
      if (res.statusCode >= 500) log.error(line, 'request');
      else log.info(line, 'request');
    });
    next();
  };
}
