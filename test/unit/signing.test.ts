import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { infobipAuthorization, signatureHeader, verifySignature } from '../../src/webhooks/signing.js';

const body = '{"id":"1795430000000-0","type":"session.created"}';

describe('webhook signatures', () => {
  it('signs t + "." + body with HMAC-SHA256', () => {
    const h = signatureHeader('s3cret', body, 1795430000);
    const expected = createHmac('sha256', 's3cret').update(`1795430000.${body}`).digest('hex');
    expect(h).toBe(`t=1795430000,v1=${expected}`);
  });

  it('verifies a fresh, untampered signature and nothing else', () => {
    const h = signatureHeader('s3cret', body, 1795430000);
    expect(verifySignature(h, body, 's3cret', { nowS: 1795430100 })).toBe(true);
    expect(verifySignature(h, `${body} `, 's3cret', { nowS: 1795430100 })).toBe(false);
    expect(verifySignature(h, body, 'other', { nowS: 1795430100 })).toBe(false);
    expect(verifySignature(h, body, 's3cret', { nowS: 1795430000 + 301 })).toBe(false);
    expect(verifySignature('t=x,v1=zz', body, 's3cret')).toBe(false);
  });

  it('builds the Infobip-compatible Authorization header', () => {
    const url = 'https://hooks.example/masq';
    expect(infobipAuthorization('api-1', url, body, 'k')).toBe(`api-1:${createHash('sha256').update(url + body + 'k').digest('hex')}`);
  });
});
