import { describe, expect, it } from 'vitest';
import type { NextFunction, Request, Response } from 'express';
import * as E from '../../src/errors.js';
import { errorHandler } from '../../src/http/middleware/errors.js';
import { createLogger } from '../../src/logger.js';
import { Writable } from 'node:stream';

describe('error catalog', () => {
  it.each([
    [new E.ValidationFailed([{ field: 'x', message: 'bad' }]), 400, 400, 'validation_failed'],
    [new E.Unauthorized(), 401, 403, 'unauthorized'],
    [new E.PoolNotFound('p'), 404, 404, 'pool_not_found'],
    [new E.PoolExhausted('p'), 409, 503, 'pool_exhausted'],
    [new E.NumberNotFound(), 404, 404, 'number_not_found'],
    [new E.NotInSession(), 404, 403, 'not_in_session'],
    [new E.SessionExpired('s'), 410, 410, 'session_expired'],
    [new E.SessionClosed('s'), 410, 410, 'session_closed'],
    [new E.StoreUnavailable('down'), 503, 503, 'store_unavailable'],
    [new E.Draining(), 503, 503, 'draining'],
    [new E.RecordingConflict('c'), 409, 500, 'recording_conflict'],
    [new E.DeadLetterNotFound('1-0'), 404, 404, 'dead_letter_not_found'],
  ])('%s maps to HTTP %i and SIP %i', (err, http, sip, code) => {
    expect(err.httpStatus).toBe(http);
    expect(err.sipStatus).toBe(sip);
    expect(err.code).toBe(code);
    expect(err).toBeInstanceOf(E.MasqError);
    expect(err.toJSON().error.code).toBe(code);
  });

  it('includes details only when there are some', () => {
    expect(new E.PoolNotFound('p').toJSON()).toEqual({ error: { code: 'pool_not_found', message: 'pool p does not exist' } });
    expect(new E.ValidationFailed([{ field: 'a', message: 'b' }]).toJSON().error.details).toEqual([{ field: 'a', message: 'b' }]);
  });
});

describe('HTTP error handler', () => {
  const log = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
  const handle = errorHandler(log);

  function run(err: unknown) {
    const out: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
    const res = {
      status(s: number) {
        out.status = s;
        return this;
      },
      json(b: unknown) {
        out.body = b;
        return this;
      },
      setHeader(k: string, v: string) {
        out.headers[k] = v;
      },
    } as unknown as Response;
    handle(err, { id: 'r1' } as unknown as Request, res, (() => undefined) as NextFunction);
    return out;
  }

  it('maps body-parser failures to 400 invalid_json and 413', () => {
    expect(run(Object.assign(new Error('x'), { type: 'entity.parse.failed' }))).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
    expect(run(Object.assign(new Error('x'), { type: 'entity.too.large' }))).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
  });

  it('adds Retry-After to 503s', () => {
    expect(run(new E.StoreUnavailable('gone'))).toMatchObject({ status: 503, headers: { 'Retry-After': '5' } });
  });

  it('hides unexpected errors behind a 500', () => {
    expect(run(new TypeError('secret detail +14155550123'))).toEqual({ status: 500, body: { error: { code: 'internal', message: 'internal error' } }, headers: {} });
  });
});
