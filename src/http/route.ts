/**
 * One declaration per route: method, path, schemas, handler and docs together.
 * The same list is mounted on Express and turned into the OpenAPI document, so
 * the two cannot drift apart.
 */
import express, { type Express, type Request, type RequestHandler, type Response } from 'express';
import { PayloadTooLarge, UnsupportedMediaType } from '../errors.js';
import type { z } from 'zod';
import { parse } from './middleware/validate.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a handler receives: path parameters as strings, query and body already validated. */
export interface RouteInput<Q, B> {
  params: Record<string, string>;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

/** A route as declared: everything Express and the OpenAPI document need. */
export interface RouteSpec<QS extends z.ZodType | undefined, BS extends z.ZodType | undefined> extends RouteDoc {
  query?: QS;
  body?: BS;
  handle: (input: RouteInput<Output<QS>, Output<BS>>) => Promise<void> | void;
}

/** The documented part of a route. */
export interface RouteDoc {
  method: Method;
  /** OpenAPI form: `/v1/pools/{poolId}`. */
  path: string;
  /** Stable name of the operation for client generators (`createSession`): renaming it breaks generated clients. */
  operationId: string;
  summary: string;
  tag: string;
  /** Path parameters, for the document (values reach the handler as strings). */
  params?: z.ZodObject;
  query?: z.ZodType | undefined;
  /** Request headers the route reads, for the document (the handler validates them). */
  headers?: z.ZodObject;
  body?: z.ZodType | undefined;
  ok: Reply;
  /** Other non-error answers (a 202 next to a 204, readiness's 503 with its own body). */
  also?: Reply[];
  /** Error statuses the route can answer, each with the standard error body. */
  errors: number[];
  /** `false` for the unauthenticated health routes. */
  auth?: boolean;
  /** A raw (non-JSON) body: accepted media types and size limit; the handler reads `req.body` as a Buffer. */
  upload?: { types: string[]; maxBytes: number };
}

/** One documented answer. */
export interface Reply {
  status: number;
  schema?: z.ZodType;
  /** When not JSON (audio/wav). */
  contentType?: string;
  description: string;
  /** The document's example of this answer (otherwise one is built from the schema). */
  example?: unknown;
}

/** A declared route, ready to mount: its docs and the handler that validates and runs it. */
export interface Route extends RouteDoc {
  run: RequestHandler;
}

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * Declares a route. Query and body are validated with the very schemas the
 * document shows before the handler runs; a failure is one 400 listing each field.
 */
export function route<QS extends z.ZodType | undefined = undefined, BS extends z.ZodType | undefined = undefined>(
  spec: RouteSpec<QS, BS>,
): Route {
  const { handle, ...doc } = spec;
  const { query, body } = spec;
  return {
    ...doc,
    run: async (req, res) => {
      await handle({
        params: req.params as Record<string, string>,
        query: (query ? parse(query, req.query, 'query') : undefined) as Output<QS>,
        body: (body ? parse(body, req.body, 'body') : undefined) as Output<BS>,
        req,
        res,
      });
    },
  };
}

/** `/v1/pools/{poolId}` → `/v1/pools/:poolId` (Express 5 reads `{…}` as an optional group). */
export function expressPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/**
 * Mounts every route at the app level, in the order given (hottest first): each
 * request walks flat layers, and only routes with a body run the JSON parser.
 */
export function mountRoutes(app: Express, routes: readonly Route[], mw: { auth: RequestHandler; json: RequestHandler }): void {
  for (const r of routes) {
    const chain: RequestHandler[] = [];
    if (r.auth !== false) chain.push(mw.auth);
    if (r.body) chain.push(mw.json);
    if (r.upload) chain.push(rawBody(r.upload.types, r.upload.maxBytes));
    app[r.method](expressPath(r.path), ...chain, r.run);
  }
}

/** Reads a raw body of one of `types` (415 otherwise, 413 over `maxBytes`). */
function rawBody(types: string[], maxBytes: number): RequestHandler {
  const read = express.raw({ type: types, limit: maxBytes });
  return (req, res, next) => {
    if (!req.is(types)) {
      next(new UnsupportedMediaType(types));
      return;
    }
    read(req, res, (err?: unknown) => {
      const e = err as { type?: string } | undefined;
      next(e?.type === 'entity.too.large' ? new PayloadTooLarge(`${Math.round(maxBytes / 1024 / 1024)} MB`) : err);
    });
  };
}
