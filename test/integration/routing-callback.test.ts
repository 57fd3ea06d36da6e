/** The out-of-session routing callback client against a real local endpoint. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoutingCallback } from '../../src/sip/routing-callback.js';
import { verifySignature } from '../../src/webhooks/signing.js';
import { createLogger } from '../../src/logger.js';
import { startReceiver, type Answer, type Receiver } from '../helpers/webhook-receiver.js';

const log = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, cb) => cb() }) });
const SECRET = 'route-secret-0123456789';
const request = { correlationId: 'c1', from: '+13055550111', to: '+12025550100', reason: 'not_in_session', sessionId: null };
let recv: Receiver;

beforeAll(async () => {
  recv = await startReceiver();
});
afterAll(async () => {
  await recv?.stop();
});

async function decide(path: string, answer: Answer) {
  recv.on(path, () => answer);
  const cb = createRoutingCallback({ url: recv.url(path), secret: SECRET, timeoutMs: 300, defaultRegion: 'US' });
  return cb.decide(request, log);
}

describe('routing callback client', () => {
  it('sends a signed request with from, to, reason and a correlation id', async () => {
    await decide('/signed', { status: 200, json: { action: 'reject' } });
    const [r] = recv.received('/signed');
    expect(r?.json).toMatchObject(request);
    expect(verifySignature(String(r?.headers['masq-signature']), r?.body ?? '', SECRET)).toBe(true);
  });

  it('returns reject, play and dial answers (numbers normalised)', async () => {
    expect(await decide('/reject', { status: 200, json: { action: 'reject', sipStatus: 486 } })).toEqual({ action: 'reject', sipStatus: 486 });
    expect(await decide('/play', { status: 200, json: { action: 'play', prompt: 'store-closed' } })).toEqual({ action: 'play', prompt: 'store-closed' });
    expect(await decide('/dial', { status: 200, json: { action: 'dial', target: '(212) 555-0177', callerId: '+12025550100' } })).toEqual({
      action: 'dial',
      target: '+12125550177',
      callerId: '+12025550100',
    });
  });

  it('falls back to the default on a bad answer, an error status, a timeout, saying why', async () => {
    expect(await decide('/invalid', { status: 200, json: { action: 'transfer' } })).toEqual({ action: 'default', why: expect.stringMatching(/^invalid answer \(action: /) });
    expect(await decide('/status', { status: 200, json: { action: 'reject', sipStatus: 200 } })).toEqual({ action: 'default', why: expect.stringMatching(/^invalid answer \(sipStatus: /) });
    expect(await decide('/number', { status: 200, json: { action: 'dial', target: '123', callerId: '+12025550100' } })).toEqual({ action: 'default', why: 'dial answer with an invalid number' });
    expect(await decide('/error', 500)).toEqual({ action: 'default', why: 'HTTP 500' });
    expect(await decide('/notjson', 200)).toEqual({ action: 'default', why: expect.stringContaining('JSON') });
    const started = Date.now();
    expect(await decide('/hang', 'hang')).toEqual({ action: 'default', why: expect.stringMatching(/^no answer in \d+ ms$/) });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
