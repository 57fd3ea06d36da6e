import { describe, expect, it } from 'vitest';
import type { NextFunction, Request, Response } from 'express';
import * as E from '../../src/errors.js';
import { errorHandler } from '../../src/http/middleware/errors.js';
import { refuse } from '../../src/sip/reject-call.js';
import type Srf from 'drachtio-srf';
import { createLogger } from '../../src/logger.js';
import { Writable } from 'node:stream';

describe('a caller turned away (SIP edge)', () => {
  function refused(err: E.MasqError) {
    const sent: { status?: number; reason?: string; headers?: Record<string, string> } = {};
    const res = {
      finalResponseSent: false,
      send(status: number, reason: string, opts: { headers: Record<string, string> }) {
        Object.assign(sent, { status, reason, headers: opts.headers });
      },
    } as unknown as Srf.SrfResponse;
    refuse(res, err);
    return sent;
  }

  it('hears the status each routing outcome stands for, with a standard reason phrase', () => {
    expect(refused(new E.NumberNotFound())).toEqual({ status: 404, reason: 'Not Found', headers: {} });
    expect(refused(new E.NotInSession())).toEqual({ status: 403, reason: 'Forbidden', headers: {} });
    expect(refused(new E.SessionExpired('s'))).toEqual({ status: 410, reason: 'Gone', headers: {} });
    expect(refused(new E.SessionClosed('s'))).toEqual({ status: 410, reason: 'Gone', headers: {} });
    expect(refused(new E.CallLimitReached('session', 's'))).toEqual({ status: 486, reason: 'Busy Here', headers: {} });
  });

  it('is told when to try again whenever the refusal is temporary', () => {
    for (const err of [new E.StoreUnavailable('down'), new E.Draining(), new E.TooManyCalls(), new E.MediaUnavailable()]) {
      expect(refused(err), err.code).toEqual({ status: 503, reason: 'Service Unavailable', headers: { 'Retry-After': '5' } });
    }
  });

  it('gets one final response only, even when refused twice (a CANCEL won the race)', () => {
    let sends = 0;
    const res = { finalResponseSent: true, send: () => sends++ } as unknown as Srf.SrfResponse;
    refuse(res, new E.NotInSession());
    expect(sends).toBe(0);
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

  it('answers each catalog error with its status and the one error shape, details only when there are some', () => {
    expect(run(new E.PoolNotFound('p'))).toEqual({ status: 404, body: { error: { code: 'pool_not_found', message: 'pool p does not exist' } }, headers: {} });
    expect(run(new E.ValidationFailed([{ field: 'firstParty', message: 'bad' }]))).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_failed', details: [{ field: 'firstParty', message: 'bad' }] } },
    });
    expect(run(new E.PoolExhausted('p'))).toMatchObject({ status: 409, body: { error: { code: 'pool_exhausted' } } });
    expect(run(new E.SessionExpired('s'))).toMatchObject({ status: 410, body: { error: { code: 'session_expired' } } });
  });

  it('adds Retry-After to a 503 from Redis', () => {
    expect(run(new E.StoreUnavailable('gone'))).toMatchObject({ status: 503, headers: { 'Retry-After': '5' } });
  });

  it('answers a path the router could not decode 400, not 500', () => {
    expect(run(new URIError('URI malformed'))).toMatchObject({ status: 400, body: { error: { code: 'malformed_request' } } });
  });

  it('hides unexpected errors behind a 500', () => {
    expect(run(new TypeError('secret detail +14155550123'))).toEqual({ status: 500, body: { error: { code: 'internal', message: 'internal error' } }, headers: {} });
  });
});
