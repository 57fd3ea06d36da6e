/**
 * WAV reading for prompts: what FreeSWITCH plays without a transcoding surprise.
 * A prompt is RIFF/WAVE, PCM 16-bit, mono, 8 or 16 kHz, at most 5 MB and 120 s.
 */

export const PROMPT_MAX_BYTES = 5 * 1024 * 1024;
export const PROMPT_MAX_SECONDS = 120;
const RATES = [8000, 16000];

/** What a valid prompt holds. */
export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Offset and length of the sample data in the file. */
  dataOffset: number;
  dataBytes: number;
  durationMs: number;
}

/** Why a file is not a usable prompt (the message goes to the client as it is). */
export class WavRejected extends Error {}

/** Walks the RIFF chunks of `buf` and checks it is a prompt Masq plays; throws WavRejected with the reason. */
export function readPromptWav(buf: Buffer): WavInfo {
  if (buf.length > PROMPT_MAX_BYTES) throw new WavRejected(`larger than ${PROMPT_MAX_BYTES / 1024 / 1024} MB`);
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'RIFF' || buf.toString('latin1', 8, 12) !== 'WAVE') {
    throw new WavRejected('not a WAV file (RIFF/WAVE header expected)');
  }
  let fmt: { format: number; channels: number; rate: number; bits: number } | undefined;
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('latin1', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > buf.length) throw new WavRejected('truncated fmt chunk');
      fmt = {
        format: buf.readUInt16LE(body),
        channels: buf.readUInt16LE(body + 2),
        rate: buf.readUInt32LE(body + 4),
        bits: buf.readUInt16LE(body + 14),
      };
      // WAVE_FORMAT_EXTENSIBLE carries the real format in its sub-format GUID.
      if (fmt.format === 0xfffe && size >= 40 && body + 26 <= buf.length) fmt.format = buf.readUInt16LE(body + 24);
    } else if (id === 'data') {
      if (!fmt) throw new WavRejected('data chunk before the fmt chunk');
      if (fmt.format !== 1) throw new WavRejected(`not PCM (format tag ${fmt.format}); encode as 16-bit PCM`);
      if (fmt.channels !== 1) throw new WavRejected(`${fmt.channels} channels; prompts are mono`);
      if (!RATES.includes(fmt.rate)) throw new WavRejected(`${fmt.rate} Hz; prompts are 8000 or 16000 Hz`);
      if (fmt.bits !== 16) throw new WavRejected(`${fmt.bits}-bit samples; prompts are 16-bit`);
      const dataBytes = Math.min(size, buf.length - body);
      if (dataBytes < 2) throw new WavRejected('no audio');
      const durationMs = Math.round((dataBytes / 2 / fmt.rate) * 1000);
      if (durationMs > PROMPT_MAX_SECONDS * 1000) throw new WavRejected(`${(durationMs / 1000).toFixed(1)} s long; at most ${PROMPT_MAX_SECONDS} s`);
      return { sampleRate: fmt.rate, channels: 1, bitsPerSample: 16, dataOffset: body, dataBytes, durationMs };
    }
    offset = body + size + (size % 2);
  }
  throw new WavRejected(fmt ? 'no data chunk' : 'no fmt chunk');
}

/** A mono 16-bit PCM WAV file holding `samples` (for tests and generated prompts). */
export function pcmWav(samples: Int16Array, sampleRate: number): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVE', 8, 'latin1');
  head.write('fmt ', 12, 'latin1');
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(1, 22);
  head.writeUInt32LE(sampleRate, 24);
  head.writeUInt32LE(sampleRate * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36, 'latin1');
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}
