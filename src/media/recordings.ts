/**
 * Recording files: FreeSWITCH writes `<call id>.wav` into MASQ_RECORDINGS_DIR
 * (as it sees it: MASQ_MEDIA_RECORDINGS_DIR); Masq reads the same directory to
 * settle each recording (ready with its length, or failed with the reason),
 * stream it, delete it, and sweep files older than the retention.
 */
import { mkdirSync } from 'node:fs';
import { open, readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isCallId } from '../masking/ids.js';
import type { Logger } from '../logger.js';
import type { RecordingStore } from '../store/recordings.js';

/** What a finished recording file holds, read from its header. */
export interface RecordingFile {
  bytes: number;
  channels: number;
  sampleRate: number;
  durationSeconds: number;
}

/** Reads the fmt chunk and data size of a WAV file FreeSWITCH wrote; undefined when it is not one. */
async function inspect(path: string): Promise<RecordingFile | undefined> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(size, 4096));
    await fh.read(head, 0, head.length, 0);
    if (head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') return undefined;
    let off = 12;
    let channels = 1;
    let rate = 8000;
    let bits = 16;
    while (off + 8 <= head.length) {
      const id = head.toString('latin1', off, off + 4);
      const len = head.readUInt32LE(off + 4);
      if (id === 'fmt ') {
        channels = head.readUInt16LE(off + 10);
        rate = head.readUInt32LE(off + 12);
        bits = head.readUInt16LE(off + 22);
      }
      if (id === 'data') {
        const dataBytes = Math.min(len, size - off - 8);
        return { bytes: size, channels, sampleRate: rate, durationSeconds: dataBytes / (channels * rate * (bits / 8)) };
      }
      off += 8 + len + (len % 2);
    }
    return undefined;
  } finally {
    await fh.close();
  }
}

/** The recordings directory and the call records that point into it. */
export class RecordingFiles {
  constructor(
    private readonly opts: {
      /** Where Masq reads them. */
      dir: string;
      /** The same directory as FreeSWITCH sees it. */
      mediaDir: string;
      store: RecordingStore;
      log: Logger;
    },
  ) {
    mkdirSync(opts.dir, { recursive: true });
  }

  /** Where FreeSWITCH writes a call's recording. */
  mediaPathFor(callId: string): string {
    return join(this.opts.mediaDir, `${callId}.wav`);
  }

  /** Where Masq reads it; undefined for anything that is not a call id (never a path from outside). */
  localPathFor(callId: string): string | undefined {
    return isCallId(callId) ? join(this.opts.dir, `${callId}.wav`) : undefined;
  }

  /**
   * Settles a call's recording once the call has ended: ready (with its length)
   * when the file is a WAV with audio, failed (with why) otherwise. Never throws.
   */
  async settle(callId: string, started: boolean, notStartedReason = 'recording did not start'): Promise<void> {
    const path = this.localPathFor(callId);
    let outcome: Parameters<RecordingStore['settle']>[0];
    if (!started || !path) {
      outcome = { callId, status: 'failed', reason: notStartedReason };
    } else {
      const file = await inspect(path).catch((err: unknown) => {
        this.opts.log.warn({ err, callId }, 'recording file unreadable');
        return undefined;
      });
      outcome =
        file && file.durationSeconds > 0
          ? { callId, status: 'ready', recordingId: callId, url: `/v1/recordings/${callId}`, durationSeconds: file.durationSeconds }
          : { callId, status: 'failed', reason: file ? 'recording is empty' : 'no recording file was written (disk full or not writable?)' };
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await this.opts.store.settle(outcome);
        return;
      } catch (err) {
        if (attempt === 4) this.opts.log.warn({ err, callId }, 'recording outcome not stored');
        else await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      }
    }
  }

  /** The file's size, or undefined when there is none. */
  async size(callId: string): Promise<number | undefined> {
    const path = this.localPathFor(callId);
    if (!path) return undefined;
    return stat(path).then(
      (s) => (s.isFile() ? s.size : undefined),
      () => undefined,
    );
  }

  /** Deletes a call's recording file; false when there was none. */
  async remove(callId: string): Promise<boolean> {
    const path = this.localPathFor(callId);
    if (!path) return false;
    return unlink(path).then(
      () => true,
      () => false,
    );
  }

  /** Deletes recordings older than `retentionS` (by file time); returns the call ids removed. */
  async sweep(retentionS: number, now = Date.now()): Promise<string[]> {
    const removed: string[] = [];
    for (const f of await readdir(this.opts.dir).catch(() => [] as string[])) {
      const id = f.endsWith('.wav') ? f.slice(0, -4) : '';
      const path = this.localPathFor(id);
      if (!path) continue;
      const s = await stat(path).catch(() => undefined);
      if (s && now - s.mtimeMs > retentionS * 1000 && (await this.remove(id))) removed.push(id);
    }
    return removed;
  }
}
