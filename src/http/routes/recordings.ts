/**
 * /v1/recordings/{callId}: a call's recording, streamed to an authorised client
 * (one HTTP byte range at a time, as players and download tools ask), and deleted
 * with its reference on the call record.
 */
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { RangeNotSatisfiable, RecordingNotFound } from '../../errors.js';
import type { RecordingFiles } from '../../media/recordings.js';
import type { Store } from '../../store/index.js';
import { route, type Route } from '../route.js';

const param = z.object({ callId: z.string() });

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` → [start, end] within `size`; undefined for no (or a multi-) range. */
export function byteRange(header: string | undefined, size: number): [number, number] | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const [start, end] =
    m[1] === '' ? [Math.max(0, size - Number(m[2])), size - 1] : [Number(m[1]), m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)];
  if (start > end || start >= size) throw new RangeNotSatisfiable(size);
  return [start, end];
}

/** GET and DELETE /v1/recordings/{callId}. */
export function recordingRoutes(deps: { store: Store; files: RecordingFiles | undefined }): Route[] {
  const need = async (callId: string): Promise<{ path: string; size: number }> => {
    const path = deps.files?.localPathFor(callId);
    const size = path ? await deps.files?.size(callId) : undefined;
    if (!path || size === undefined) throw new RecordingNotFound(callId);
    return { path, size };
  };
  return [
    route({
      method: 'get', path: '/v1/recordings/{callId}', operationId: 'getRecording', summary: "A call's recording (WAV; HTTP Range supported)", tag: 'calls',
      params: param,
      ok: { status: 200, contentType: 'audio/wav', description: 'The whole file' },
      also: [{ status: 206, contentType: 'audio/wav', description: 'The byte range asked for' }],
      errors: [401, 404, 416],
      handle: async ({ params, req, res }) => {
        const id = params.callId ?? '';
        const { path, size } = await need(id);
        const range = byteRange(req.get('range'), size);
        res.setHeader('Accept-Ranges', 'bytes');
        res.type('audio/wav');
        const [start, end] = range ?? [0, size - 1];
        if (range) res.status(206).setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
        res.setHeader('Content-Length', String(end - start + 1));
        res.setHeader('Content-Disposition', `inline; filename="${id}.wav"`);
        await new Promise<void>((resolve, reject) => {
          const stream = createReadStream(path, { start, end });
          stream.once('error', reject);
          res.once('close', () => {
            stream.destroy();
            resolve();
          });
          stream.pipe(res);
        });
      },
    }),
    route({
      method: 'delete', path: '/v1/recordings/{callId}', operationId: 'deleteRecording', summary: 'Delete a recording (the file and its reference on the call record)', tag: 'calls',
      params: param,
      ok: { status: 204, description: 'Deleted' }, errors: [401, 404],
      handle: async ({ params, res }) => {
        const id = params.callId ?? '';
        const removed = (await deps.files?.remove(id)) ?? false;
        const forgot = await deps.store.recordings.forget(id);
        if (!removed && !forgot) throw new RecordingNotFound(id);
        res.status(204).end();
      },
    }),
  ];
}
