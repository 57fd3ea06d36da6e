/** Recording files: byte ranges as players ask for them, and retention by file age (reference and file). */
import { mkdtempSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byteRange } from '../../src/http/routes/recordings.js';
import { RecordingFiles } from '../../src/media/recordings.js';
import { newCallId } from '../../src/masking/ids.js';
import { createLogger } from '../../src/logger.js';
import type { RecordingStore } from '../../src/store/recordings.js';

describe('byte ranges', () => {
  it('reads the three forms a client sends, and refuses what the file does not have', () => {
    expect(byteRange('bytes=0-99', 1000)).toEqual([0, 99]);
    expect(byteRange('bytes=900-', 1000)).toEqual([900, 999]);
    expect(byteRange('bytes=-100', 1000)).toEqual([900, 999]);
    expect(byteRange('bytes=990-5000', 1000)).toEqual([990, 999]);
    expect(byteRange(undefined, 1000)).toBeUndefined();
    expect(byteRange('bytes=0-1,5-9', 1000)).toBeUndefined(); // several ranges: the whole file
    expect(() => byteRange('bytes=1000-', 1000)).toThrow(/1000 bytes/);
    expect(() => byteRange('bytes=50-10', 1000)).toThrow();
  });
});

describe('recording retention', () => {
  it('removes only files older than the retention, and never a name that is not a call id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'masq-rec-unit-'));
    const files = new RecordingFiles({ dir, mediaDir: dir, store: {} as RecordingStore, log: createLogger({ level: 'silent' }) });
    const [old, fresh] = [newCallId(Date.now() - 100_000), newCallId()];
    for (const id of [old, fresh]) writeFileSync(join(dir, `${id}.wav`), 'RIFF');
    writeFileSync(join(dir, 'notes.wav'), 'x');
    const hourAgo = (Date.now() - 3_600_000) / 1000;
    utimesSync(join(dir, `${old}.wav`), hourAgo, hourAgo);
    utimesSync(join(dir, 'notes.wav'), hourAgo, hourAgo);
    expect(await files.sweep(600)).toEqual([old]);
    expect(existsSync(join(dir, `${old}.wav`))).toBe(false);
    expect(existsSync(join(dir, `${fresh}.wav`))).toBe(true);
    expect(existsSync(join(dir, 'notes.wav'))).toBe(true);
    expect(files.localPathFor('../../etc/passwd')).toBeUndefined();
  });
});
