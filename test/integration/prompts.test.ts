/**
 * Prompts as a resource: uploads are validated (each failure names its reason),
 * stored, listed, fetched back byte for byte, replaced, and deleted only while
 * no pool or open session names them. Built-in prompts are there from the start.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../helpers/app.js';
import { pcmWav } from '../../src/media/wav.js';

const ctx = useApp();

const WAV = { 'content-type': 'audio/wav' };
const tone = (seconds: number, rate = 8000) =>
  pcmWav(Int16Array.from({ length: Math.round(seconds * rate) }, (_, i) => Math.round(8000 * Math.sin(i / 3))), rate);

/** A WAV header with chosen fields over `dataBytes` of silence. */
function wavWith(o: { format?: number; channels?: number; rate?: number; bits?: number; dataBytes?: number }): Buffer {
  const b = pcmWav(new Int16Array((o.dataBytes ?? 1600) / 2), o.rate ?? 8000);
  if (o.format !== undefined) b.writeUInt16LE(o.format, 20);
  if (o.channels !== undefined) b.writeUInt16LE(o.channels, 22);
  if (o.bits !== undefined) b.writeUInt16LE(o.bits, 34);
  return b;
}

describe('prompts', () => {
  beforeAll(async () => {
    // Built-in prompts are added just after start, once Redis answers.
    for (let i = 0; i < 50 && (await ctx.t.api('GET', '/v1/prompts/masq-recording-notice')).status !== 200; i++) await new Promise((r) => setTimeout(r, 100));
  });

  it('stores a valid upload, lists it, and gives back the same bytes', async () => {
    const audio = tone(1.5);
    const r = await ctx.t.api('POST', '/v1/prompts?name=Welcome', audio, WAV);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ name: 'Welcome', sampleRate: 8000, durationMs: 1500, bytes: audio.length, builtIn: false });
    expect(r.headers.get('location')).toBe(`/v1/prompts/${r.body.id}`);
    const got = await ctx.t.api('GET', `/v1/prompts/${r.body.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toMatch(/^audio\/wav/);
    expect(Buffer.compare(got.body as Buffer, audio)).toBe(0);
    const list = await ctx.t.api('GET', '/v1/prompts?limit=200');
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(r.body.id);
  });

  it('refuses what FreeSWITCH should not be handed, saying why, and stores nothing', async () => {
    const cases: [Buffer, number, RegExp][] = [
      [Buffer.from('ID3 not a wav at all'), 400, /not a WAV file/],
      [wavWith({ format: 7 }), 400, /not PCM/],
      [wavWith({ channels: 2 }), 400, /2 channels; prompts are mono/],
      [wavWith({ rate: 44100 }), 400, /44100 Hz/],
      [wavWith({ bits: 8 }), 400, /8-bit/],
      [tone(121), 400, /at most 120 s/],
      [tone(2).subarray(0, 40), 400, /no data chunk|truncated|no audio/],
      [Buffer.alloc(5 * 1024 * 1024 + 10), 413, /exceeds 5 MB/],
    ];
    const before = (await ctx.t.api('GET', '/v1/prompts?limit=200')).body.items.length;
    for (const [body, status, why] of cases) {
      const r = await ctx.t.api('POST', '/v1/prompts', body, WAV);
      expect(r.status, `${why}`).toBe(status);
      expect(r.body.error.message).toMatch(why);
    }
    const wrongType = await ctx.t.api('POST', '/v1/prompts', tone(1), { 'content-type': 'application/octet-stream' });
    expect(wrongType).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
    expect((await ctx.t.api('POST', '/v1/prompts', undefined, WAV)).status).toBe(400);
    expect((await ctx.t.api('GET', '/v1/prompts?limit=200')).body.items.length).toBe(before);
  });

  it('accepts 16 kHz and replaces a prompt under its id (a new version)', async () => {
    const first = await ctx.t.api('PUT', '/v1/prompts/hold-music', tone(1, 16000), WAV);
    expect(first.body).toMatchObject({ id: 'hold-music', sampleRate: 16000, durationMs: 1000 });
    const second = await ctx.t.api('PUT', '/v1/prompts/hold-music', tone(2), WAV);
    expect(second.body).toMatchObject({ id: 'hold-music', sampleRate: 8000, durationMs: 2000 });
    expect(second.body.version).not.toBe(first.body.version);
    expect((await ctx.t.api('PUT', '/v1/prompts/..%2Fetc', tone(1), WAV)).status).toBe(400);
  });

  it('is refused to sessions and pools naming a prompt that does not exist, field by field', async () => {
    expect((await ctx.t.api('POST', '/v1/pools', { id: 'pp', announcements: { notInSession: 'nope' } })).body).toMatchObject({
      error: { code: 'validation_failed', details: [{ field: 'announcements.notInSession' }] },
    });
    expect((await ctx.t.api('GET', '/v1/pools/pp')).status).toBe(404);
  });

  it('cannot be deleted while a pool or an open session names it; can once they let go', async () => {
    await ctx.t.api('PUT', '/v1/prompts/greeting', tone(1), WAV);
    await ctx.t.api('PUT', '/v1/prompts/closed-msg', tone(1), WAV);
    expect((await ctx.t.api('POST', '/v1/pools', { id: 'pr', announcements: { sessionClosed: 'closed-msg' } })).status).toBe(201);
    await ctx.t.api('POST', '/v1/pools/pr/numbers', { numbers: ['+12025550177'] });
    const s = await ctx.t.api('POST', '/v1/sessions', { poolId: 'pr', firstParty: '+14155550177', secondParty: '+14155550178', announcements: { firstParty: 'greeting' } });
    expect(s.status, JSON.stringify(s.body)).toBe(201);
    expect(s.body.announcements).toEqual({ firstParty: 'greeting' });

    const inUse = await ctx.t.api('DELETE', '/v1/prompts/greeting');
    expect(inUse).toMatchObject({ status: 409, body: { error: { code: 'prompt_in_use' } } });
    expect(inUse.body.error.message).toContain(`session ${s.body.id}`);
    expect((await ctx.t.api('DELETE', '/v1/prompts/closed-msg')).body.error.message).toContain('pool pr');

    // A PATCH that drops the prompt lets go of it at once; a closed session lets go too.
    expect((await ctx.t.api('PATCH', `/v1/sessions/${s.body.id}`, { announcements: { secondParty: 'closed-msg' } })).status).toBe(200);
    expect((await ctx.t.api('DELETE', '/v1/prompts/greeting')).status).toBe(204);
    expect((await ctx.t.api('GET', '/v1/prompts/greeting')).status).toBe(404);
    expect((await ctx.t.api('PATCH', '/v1/pools/pr', { announcements: null })).body.announcements).toBeUndefined();
    expect((await ctx.t.api('DELETE', '/v1/prompts/closed-msg')).status).toBe(409); // still the session's
    await ctx.t.api('DELETE', `/v1/sessions/${s.body.id}`);
    expect((await ctx.t.api('DELETE', '/v1/prompts/closed-msg')).status).toBe(204);
    expect((await ctx.t.api('DELETE', '/v1/prompts/closed-msg')).status).toBe(404);
  });

  it('has the built-in prompts from the start, replaceable like any other', async () => {
    const list = await ctx.t.api('GET', '/v1/prompts?limit=200');
    const builtIn = list.body.items.filter((p: { builtIn: boolean }) => p.builtIn).map((p: { id: string }) => p.id);
    expect(builtIn).toEqual(expect.arrayContaining(['masq-not-in-session', 'masq-session-closed', 'masq-party-unavailable', 'masq-recording-notice']));
  });
});
