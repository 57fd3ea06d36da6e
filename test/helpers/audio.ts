/**
 * Audio checks for the media tests: decode what a phone received (PCMU RTP) and
 * compare it with the prompt it should have heard. The comparison correlates
 * short-time log band energies (13 bands, 10 ms steps) over every lag: the same
 * speech played through FreeSWITCH and PCMU scores close to 1, another sentence
 * far lower, silence 0.
 */
import type { Received } from './rtp-endpoint.js';

/** G.711 µ-law byte → 16-bit linear sample. */
export function ulawToLinear(u: number): number {
  const v = ~u & 0xff;
  const t = (((v & 0x0f) << 3) + 0x84) << ((v & 0x70) >> 4);
  return v & 0x80 ? 0x84 - t : t - 0x84;
}

/** 16-bit linear → µ-law byte (for the test phones' own speech). */
export function linearToUlaw(sample: number): number {
  const BIAS = 0x84;
  let s = Math.max(-32635, Math.min(32635, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** The PCMU payloads of RTP packets, in sequence order, as linear samples (8 kHz). */
export function pcmuFromRtp(packets: readonly Received[]): Int16Array {
  const withSeq = packets
    .filter((p) => p.data.length > 12 && ((p.data[1] as number) & 0x7f) === 0)
    .map((p) => {
      const d = p.data;
      const cc = (d[0] as number) & 0x0f;
      let off = 12 + 4 * cc;
      if ((d[0] as number) & 0x10) off += 4 + 4 * d.readUInt16BE(off + 2);
      return { seq: d.readUInt16BE(2), payload: d.subarray(off) };
    });
  // Sequence numbers may wrap; packets arrive in order on loopback, so unwrap by arrival.
  let base = 0;
  let last = -1;
  const ordered = withSeq.map((p) => {
    if (last >= 0 && p.seq < last && last - p.seq > 30_000) base += 65_536;
    last = p.seq;
    return { n: base + p.seq, payload: p.payload };
  });
  ordered.sort((a, b) => a.n - b.n);
  const total = ordered.reduce((s, p) => s + p.payload.length, 0);
  const out = new Int16Array(total);
  let i = 0;
  for (const p of ordered) for (const b of p.payload) out[i++] = ulawToLinear(b);
  return out;
}

/** A 16-bit PCM mono WAV's samples and rate. */
export function wavSamples(buf: Buffer): { samples: Int16Array; rate: number } {
  let off = 12;
  let rate = 8000;
  while (off + 8 <= buf.length) {
    const id = buf.toString('latin1', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    if (id === 'fmt ') rate = buf.readUInt32LE(off + 12);
    if (id === 'data') {
      const n = Math.floor(Math.min(size, buf.length - off - 8) / 2);
      const s = new Int16Array(n);
      for (let i = 0; i < n; i++) s[i] = buf.readInt16LE(off + 8 + 2 * i);
      return { samples: s, rate };
    }
    off += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

/** Resamples by picking every `factor`-th sample after a short moving average (16 kHz → 8 kHz is enough here). */
export function downsample(samples: Int16Array, factor: number): Int16Array {
  if (factor === 1) return samples;
  const out = new Int16Array(Math.floor(samples.length / factor));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let k = 0; k < factor; k++) sum += samples[i * factor + k] as number;
    out[i] = sum / factor;
  }
  return out;
}

const FRAME = 256; // samples analysed per step (32 ms at 8 kHz)
const HOP = 80; // 10 ms at 8 kHz
const BANDS = 13;

/** Log band energies per 10 ms frame (8 kHz input), 13 bands spaced logarithmically from 100 Hz to 3.8 kHz. */
export function bandEnergies(samples: Int16Array): Float64Array[] {
  const edges = Array.from({ length: BANDS + 1 }, (_, i) => Math.round(((100 * Math.pow(3800 / 100, i / BANDS)) / 8000) * FRAME));
  const window = Float64Array.from({ length: FRAME }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (FRAME - 1)));
  const cos = Float64Array.from({ length: FRAME * (FRAME / 2) }, (_, k) => Math.cos((2 * Math.PI * (k % FRAME) * Math.floor(k / FRAME)) / FRAME));
  const sin = Float64Array.from({ length: FRAME * (FRAME / 2) }, (_, k) => Math.sin((2 * Math.PI * (k % FRAME) * Math.floor(k / FRAME)) / FRAME));
  const frames: Float64Array[] = [];
  const x = new Float64Array(FRAME);
  for (let start = 0; start + FRAME <= samples.length; start += HOP) {
    for (let i = 0; i < FRAME; i++) x[i] = ((samples[start + i] as number) / 32768) * (window[i] as number);
    const e = new Float64Array(BANDS);
    for (let b = 0; b < BANDS; b++) {
      let sum = 0;
      for (let bin = edges[b] as number; bin < Math.max((edges[b + 1] as number), (edges[b] as number) + 1); bin++) {
        let re = 0;
        let im = 0;
        const row = bin * FRAME;
        for (let i = 0; i < FRAME; i++) {
          re += (x[i] as number) * (cos[row + i] as number);
          im -= (x[i] as number) * (sin[row + i] as number);
        }
        sum += re * re + im * im;
      }
      e[b] = Math.log10(sum + 1e-9);
    }
    frames.push(e);
  }
  return frames;
}

function pearson(a: Float64Array[], b: Float64Array[], lag: number): number {
  let sa = 0;
  let sb = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const fa = a[i] as Float64Array;
    const fb = b[i + lag] as Float64Array;
    for (let k = 0; k < BANDS; k++) {
      sa += fa[k] as number;
      sb += fb[k] as number;
      n++;
    }
  }
  const ma = sa / n;
  const mb = sb / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    const fa = a[i] as Float64Array;
    const fb = b[i + lag] as Float64Array;
    for (let k = 0; k < BANDS; k++) {
      const x = (fa[k] as number) - ma;
      const y = (fb[k] as number) - mb;
      num += x * y;
      da += x * x;
      db += y * y;
    }
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

/** Frames loud enough to be speech (for durations and for trimming silence). */
function active(frames: Float64Array[]): boolean[] {
  const loud = frames.map((f) => Math.max(...f));
  const peak = Math.max(...loud, -9);
  return loud.map((l) => l > peak - 3.5);
}

/** Seconds from the first to the last loud frame. */
export function speechSeconds(samples: Int16Array): number {
  const a = active(bandEnergies(samples));
  const first = a.indexOf(true);
  const last = a.lastIndexOf(true);
  return first < 0 ? 0 : ((last - first + 1) * HOP) / 8000;
}

/**
 * How well `heard` contains `prompt`: the best correlation over all lags of the
 * prompt's speech (silence trimmed) against the received audio, and the worst
 * of its ~0.6 s pieces at that lag (so two prompts sharing words do not pass).
 */
export function promptScore(prompt: Int16Array, heard: Int16Array): { score: number; worstPiece: number; lagS: number } {
  const p = bandEnergies(prompt);
  const a = active(p);
  const ref = p.slice(Math.max(0, a.indexOf(true)), a.lastIndexOf(true) + 1);
  const got = bandEnergies(heard);
  if (ref.length === 0 || got.length < ref.length) return { score: 0, worstPiece: 0, lagS: 0 };
  let best = -1;
  let bestLag = 0;
  for (let lag = 0; lag + ref.length <= got.length; lag++) {
    const r = pearson(ref, got, lag);
    if (r > best) {
      best = r;
      bestLag = lag;
    }
  }
  let worst = 1;
  for (let i = 0; i + 60 <= ref.length; i += 60) {
    worst = Math.min(worst, pearson(ref.slice(i, i + 60), got.slice(bestLag + i), 0));
  }
  return { score: best, worstPiece: worst, lagS: (bestLag * HOP) / 8000 };
}

/** 160 µ-law bytes (20 ms at 8 kHz) of a sine at `freq` for packet `n`, continuous across packets. */
export function tonePacket(freq: number, n: number, amplitude = 8000): Buffer {
  const b = Buffer.alloc(160);
  for (let i = 0; i < 160; i++) b[i] = linearToUlaw(amplitude * Math.sin((2 * Math.PI * freq * (n * 160 + i)) / 8000));
  return b;
}

/** Power of `freq` in `samples` (Goertzel), normalised by the samples' total power: near 1 for a pure tone there, near 0 without. */
export function toneShare(samples: Int16Array, freq: number, rate = 8000): number {
  if (samples.length === 0) return 0;
  const k = (2 * Math.PI * freq) / rate;
  const coeff = 2 * Math.cos(k);
  let s1 = 0;
  let s2 = 0;
  let total = 0;
  for (const x of samples) {
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
    total += x * x;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return total === 0 ? 0 : (2 * power) / (samples.length * total);
}

/** One channel of an interleaved 16-bit stereo WAV. */
export function wavChannel(buf: Buffer, channel: 0 | 1): { samples: Int16Array; rate: number; channels: number } {
  let off = 12;
  let rate = 8000;
  let channels = 1;
  while (off + 8 <= buf.length) {
    const id = buf.toString('latin1', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    if (id === 'fmt ') {
      channels = buf.readUInt16LE(off + 10);
      rate = buf.readUInt32LE(off + 12);
    }
    if (id === 'data') {
      const frames = Math.floor(Math.min(size, buf.length - off - 8) / (2 * channels));
      const s = new Int16Array(frames);
      for (let i = 0; i < frames; i++) s[i] = buf.readInt16LE(off + 8 + 2 * (i * channels + Math.min(channel, channels - 1)));
      return { samples: s, rate, channels };
    }
    off += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}
