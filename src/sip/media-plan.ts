/**
 * Whether a routed call needs a media server, and what it plays and records.
 * A call with no party announcement (session or pool) and no recording takes
 * the direct bridge, as without media: the fast path pays one cached lookup of
 * its pool's announcements and nothing else.
 */
import { MediaUnavailable } from '../errors.js';
import type { AnnouncementLevels, AnnouncementPicker } from '../media/announcements.js';
import type { MediaLease, MediaServers } from '../media/media-servers.js';
import type { PartyRole } from '../masking/calls.js';
import type { Announcements, Route } from '../masking/types.js';
import type { ChosenPrompt } from '../media/announcements.js';
import type { RecordingChannels } from '../masking/types.js';

/** What the call plays and records, decided before it starts. */
export interface MediaPlan {
  /** To the caller before the callee is rung. */
  callerPrompt?: ChosenPrompt;
  /** To the callee on answer, before bridging. */
  calleePrompt?: ChosenPrompt;
  /** The recording notice, to each party, when recording. */
  notice?: ChosenPrompt;
  /** For a callee who is busy, rejects or does not answer. */
  unavailable?: ChosenPrompt;
  /** Recording, when on. */
  record?: { channels: RecordingChannels; pathOnMediaServer: string };
}

/** The media side, when MASQ_MEDIA_SERVERS names any server. */
export interface MediaPath {
  servers: MediaServers;
  picker: AnnouncementPicker;
  /** A pool's announcements (cached briefly). */
  poolAnnouncements(poolId: string): Promise<Announcements | undefined>;
  /** Where FreeSWITCH writes a call's recording. */
  recordingPath(callId: string): string;
}

export type MediaDecision =
  | { kind: 'direct'; recordingFailed?: string }
  | { kind: 'media'; plan: MediaPlan; lease: MediaLease }
  | { kind: 'refuse'; err: MediaUnavailable };

/** For a request-a-call: who is rung first, and that ringback makes it want media even with nothing else to play. */
export interface RequestedMediaOptions {
  callerSide: PartyRole;
}

/**
 * Decides how a routed call (or a request-a-call) is carried. A request-a-call
 * takes a media server whenever one is there, for the ringback its first party
 * hears, and plays it the `connecting` prompt (else its own announcement) first.
 */
export async function decideMedia(route: Route, callId: string, path: MediaPath | undefined, requested?: RequestedMediaOptions): Promise<MediaDecision> {
  const m = route.media;
  if (!m) return { kind: 'direct' };
  if (!path) {
    if (!m.record) return { kind: 'direct' };
    return m.recordingPolicy === 'required'
      ? { kind: 'refuse', err: new MediaUnavailable('recording required and no media server is configured') }
      : { kind: 'direct', recordingFailed: 'media_unavailable: no media server is configured' };
  }
  const callerSide = requested?.callerSide ?? (route.direction === 'second-to-first' ? 'secondParty' : 'firstParty');
  const calleeSide = callerSide === 'firstParty' ? 'secondParty' : 'firstParty';
  const pool = await path.poolAnnouncements(m.poolId).catch(() => undefined);
  const levels: AnnouncementLevels = { session: m.announcements, pool };
  const named = (side: 'firstParty' | 'secondParty') => m.announcements?.[side] ?? pool?.[side];
  if (!requested && !m.record && !named(callerSide) && !named(calleeSide)) return { kind: 'direct' };

  let lease: MediaLease;
  try {
    lease = path.servers.acquire();
  } catch (err) {
    const unavailable = err instanceof MediaUnavailable ? err : new MediaUnavailable(String(err));
    if (m.record && m.recordingPolicy === 'required') return { kind: 'refuse', err: unavailable };
    // Announcements are a courtesy: the call connects without them.
    return { kind: 'direct', ...(m.record ? { recordingFailed: `media_unavailable: ${unavailable.message}` } : {}) };
  }
  const [callerPrompt, calleePrompt, notice, unavailable] = await Promise.all([
    requested && (m.announcements?.connecting ?? pool?.connecting)
      ? path.picker.pick('connecting', levels)
      : named(callerSide)
        ? path.picker.pick(callerSide, levels)
        : undefined,
    named(calleeSide) ? path.picker.pick(calleeSide, levels) : undefined,
    m.record ? path.picker.pick('recordingNotice', levels) : undefined,
    path.picker.pick('partyUnavailable', levels),
  ]).catch((err: unknown) => {
    lease.release();
    throw err;
  });
  return {
    kind: 'media',
    lease,
    plan: {
      ...(callerPrompt ? { callerPrompt } : {}),
      ...(calleePrompt ? { calleePrompt } : {}),
      ...(notice ? { notice } : {}),
      ...(unavailable ? { unavailable } : {}),
      ...(m.record ? { record: { channels: m.recordingChannels ?? 'mono', pathOnMediaServer: path.recordingPath(callId) } } : {}),
    },
  };
}
