import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeSentinel, sentinelDiagnosis } from '../../src/store/sentinel-probe.js';
import { freePort } from '../helpers/ports.js';

const ALL_DOWN = new Error('All sentinels are unreachable. Retrying from scratch after 100ms. Last error: Connection is closed.');
let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});
const listen = async (port: number): Promise<void> => {
  server = createServer((s) => s.on('error', () => undefined));
  await new Promise<void>((r) => server?.listen(port, '127.0.0.1', r));
};

describe('sentinelDiagnosis', () => {
  it('names the sentinel and the cause ioredis hides', async () => {
    const port = await freePort();
    const why = sentinelDiagnosis({ nodes: [{ host: '127.0.0.1', port }], name: 'm', password: undefined, tls: false }, 500);
    const e = await why.explain(ALL_DOWN);
    expect(e.message).toBe(`all sentinels unreachable (127.0.0.1:${port}: ECONNREFUSED 127.0.0.1:${port})`);
  });

  it('passes any other error through, and keeps the original when every sentinel connects', async () => {
    const port = await freePort();
    await listen(port);
    const why = sentinelDiagnosis({ nodes: [{ host: '127.0.0.1', port }], name: 'm', password: undefined, tls: false }, 500);
    const other = new Error('WRONGPASS invalid username-password pair');
    expect(await why.explain(other)).toBe(other);
    expect(await why.explain(ALL_DOWN)).toBe(ALL_DOWN);
  });

  it('probes at most once per outage line, however often ioredis retries', async () => {
    const port = await freePort();
    let t = 0;
    const why = sentinelDiagnosis({ nodes: [{ host: '127.0.0.1', port }], name: 'm', password: undefined, tls: false }, 500, () => t);
    expect((await why.explain(ALL_DOWN)).message).toContain('ECONNREFUSED');
    await listen(port);
    t = 4999;
    expect((await why.explain(ALL_DOWN)).message).toContain('ECONNREFUSED');
    t = 5000;
    expect(await why.explain(ALL_DOWN)).toBe(ALL_DOWN);
  });

  it('says when a TLS handshake gets no answer (TLS against a port that only speaks plain Redis and waits)', async () => {
    const port = await freePort();
    await listen(port);
    expect(await probeSentinel({ host: '127.0.0.1', port }, true, 300)).toBe('no TLS handshake within 300 ms');
  });
});
