/**
 * Recording outcomes. The media layer calls `settle` once a call's recording is
 * stored (or has failed): the outcome lands on the call record (fields below) and
 * `recording.ready` / `recording.failed` goes to the session's outbox in the same
 * atomic step. Settling the same recording again is a no-op, so the media layer
 * may retry freely.
 *
 * | field | meaning on the call hash (calls.ts) |
 * |-------|-------------------------------------|
 * | rs    | recording status: ready / failed    |
 * | rid   | recording id                        |
 * | ru    | where the recording is (URL)        |
 * | rd    | recording length (s)                |
 * | rr    | why it failed                       |
 */
import { CallNotFound, MasqError, RecordingConflict, ValidationFailed } from '../errors.js';
import { isCallId } from '../masking/ids.js';
import { guard, type StoreContext } from './context.js';

export type RecordingStatus = 'ready' | 'failed';

export interface RecordingOutcome {
  callId: string;
  status: RecordingStatus;
  /** The media layer's id for the recording (file name, UUID). */
  recordingId?: string;
  /** Where the recording can be fetched. */
  url?: string;
  /** Length of the recording, seconds (whole seconds are stored). */
  durationSeconds?: number;
  /** Why it failed. */
  reason?: string;
}

export interface SettleResult {
  /** False when this recording was already settled (nothing changed). */
  settled: boolean;
  /** Status on the record (the earlier one for a repeat). */
  status: RecordingStatus;
  /** The event written, or null (a repeat, or a call without a live session). */
  eventId: string | null;
}

const MAX_TEXT = 2048;

function check(o: RecordingOutcome): void {
  const problems: { field: string; message: string }[] = [];
  if (o.status !== 'ready' && o.status !== 'failed') problems.push({ field: 'status', message: 'ready or failed' });
  for (const f of ['recordingId', 'url', 'reason'] as const) {
    const v = o[f];
    if (v !== undefined && (v === '' || v.length > MAX_TEXT)) problems.push({ field: f, message: `1–${MAX_TEXT} characters` });
  }
  if (o.durationSeconds !== undefined && !(Number.isFinite(o.durationSeconds) && o.durationSeconds >= 0)) {
    problems.push({ field: 'durationSeconds', message: 'a number of seconds ≥ 0' });
  }
  if (problems.length) throw new ValidationFailed(problems, 'invalid recording outcome');
}

/** Recording outcomes on call records, settled once (see DEVELOPERS.md). */
export class RecordingStore {
  constructor(private readonly ctx: StoreContext) {}

  /**
   * Records a call's recording outcome and emits its event, once.
   *
   * @example await store.recordings.settle({ callId, status: 'ready', recordingId: 'r-1', url: 'https://media/r-1.wav', durationSeconds: 42 });
   * @throws CallNotFound when there is no such call record; RecordingConflict when the
   *   call's recording was already settled under another recording id.
   */
  async settle(o: RecordingOutcome): Promise<SettleResult> {
    if (!isCallId(o.callId)) throw new CallNotFound(o.callId);
    check(o);
    const reply = (await guard(() =>
      this.ctx.scripts.recording_settle.run(this.ctx.redis, this.ctx.prefix, [
        o.callId,
        o.status,
        o.recordingId ?? '',
        o.url ?? '',
        o.durationSeconds === undefined ? '' : Math.round(o.durationSeconds),
        o.reason ?? '',
      ]),
    )) as [string, string];
    switch (reply[0]) {
      case 'ok':
        return { settled: true, status: o.status, eventId: reply[1] || null };
      case 'duplicate':
        return { settled: false, status: reply[1] as RecordingStatus, eventId: null };
      default:
        if (reply[1] === 'call_not_found') throw new CallNotFound(o.callId);
        if (reply[1] === 'recording_conflict') throw new RecordingConflict(o.callId);
        throw new MasqError('internal', 500, 500, `unexpected store reply ${reply.join(' ')}`);
    }
  }

  /** Removes a call's recording reference (the file is gone); false when the call had none. */
  async forget(callId: string): Promise<boolean> {
    if (!isCallId(callId)) return false;
    const key = this.ctx.keys.call(callId);
    const had = await guard(() => this.ctx.redis.hexists(key, 'rs'));
    if (!had) return false;
    await guard(() => this.ctx.redis.hdel(key, 'rs', 'rid', 'ru', 'rd', 'rr'));
    return true;
  }
}
