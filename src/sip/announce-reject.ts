/**
 * Rejections with a prompt. A call that cannot be connected — the caller is in
 * no session on the number, or the session expired or was closed — is answered
 * by FreeSWITCH, hears the prompt for its situation (session → pool → built-in),
 * and is hung up. With no media server, no prompt, or a caller offering no
 * codec FreeSWITCH speaks, it gets the bare SIP status instead, as without media.
 * The call record says why either way; the caller's SDP is filtered on its way
 * to FreeSWITCH like on every other path, and FreeSWITCH never sees a number.
 */
import type Srf from 'drachtio-srf';
import type Mrf from 'drachtio-fsmrf';
import type { MasqError } from '../errors.js';
import type { AnnouncementSituation, Announcements } from '../masking/types.js';
import type { AnnouncementLevels, AnnouncementPicker } from '../media/announcements.js';
import type { MediaServers } from '../media/media-servers.js';
import type { Store } from '../store/index.js';
import { OWN_HEADERS } from './headers.js';
import type { CallRequest } from './middleware/types.js';
import { refuse, type RejectCall } from './reject-call.js';
import { SdpFilter } from './sdp-filter.js';
import type { SipServer } from './srf.js';

const SITUATION: Readonly<Record<string, AnnouncementSituation>> = {
  not_in_session: 'notInSession',
  session_expired: 'sessionClosed',
  session_closed: 'sessionClosed',
};

/** How long a rejection prompt may play at most (a prompt is ≤ 120 s). */
const MAX_PLAY_MS = 130_000;

export interface AnnounceDeps {
  srf: SipServer;
  media: MediaServers;
  picker: AnnouncementPicker;
  store: Pick<Store, 'sessions' | 'pools'>;
  /** A pool's announcements (cached briefly, shared with the routed path). */
  poolAnnouncements(poolId: string): Promise<Announcements | undefined>;
}

/** The levels a rejected call has: the session it matched (if any) and the pool of the number it dialled. */
async function levelsFor(deps: AnnounceDeps, err: MasqError & { sessionId?: string }, called: string): Promise<AnnouncementLevels> {
  const session = err.sessionId ? await deps.store.sessions.get(err.sessionId).catch(() => undefined) : undefined;
  const poolId = session?.poolId ?? (await deps.store.pools.poolOfNumber(called).catch(() => undefined));
  const pool = poolId ? await deps.poolAnnouncements(poolId).catch(() => undefined) : undefined;
  return { session: session?.announcements, pool };
}

/** Plays `path` to the caller through a fresh endpoint, then hangs up; every leg is released however it ends. */
async function answerAndPlay(deps: AnnounceDeps, req: CallRequest, res: Srf.SrfResponse, path: string): Promise<void> {
  const log = req.locals.log;
  const lease = deps.media.acquire();
  const filter = new SdpFilter();
  let endpoint: Mrf.Endpoint | undefined;
  let dialog: Srf.Dialog | undefined;
  try {
    endpoint = await lease.server.createEndpoint({ remoteSdp: filter.filter(req.body), codecs: ['PCMU', 'PCMA'] });
    if (res.finalResponseSent) return; // cancelled while the endpoint was made
    dialog = await deps.srf.createUAS(req, res, { localSdp: filter.filter(endpoint.local.sdp), headers: { ...OWN_HEADERS } });
    const hungUp = new Promise<void>((resolve) => dialog?.once('destroy', () => resolve()));
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, MAX_PLAY_MS).unref());
    const lost = new Promise<void>((resolve) => lease.onLost(resolve));
    await Promise.race([endpoint.play(path).then(() => undefined), hungUp, timeout, lost]);
  } finally {
    const ep = endpoint;
    const d = dialog;
    const bounded = (p: Promise<unknown> | undefined) => Promise.race([p?.catch((e: unknown) => log.debug({ err: e }, 'media leg already gone')), new Promise((r) => setTimeout(r, 3000).unref())]);
    await Promise.all([bounded(ep?.destroy()), d?.connected ? bounded(d.destroy()) : undefined]);
    lease.release();
  }
}

/**
 * A RejectCall that announces where it can, and falls back to `fallback` (the
 * bare status) where it cannot.
 */
export function announcingReject(deps: AnnounceDeps, fallback: RejectCall): RejectCall {
  return (req, res, err, promptId) => {
    const situation = SITUATION[err.code];
    if ((!situation && !promptId) || !deps.media.configured) return fallback(req, res, err);
    const log = req.locals.log;
    const called = req.locals.called as string;
    void (async () => {
      const prompt = promptId
        ? await deps.picker.byId(promptId)
        : await deps.picker.pick(situation as AnnouncementSituation, await levelsFor(deps, err as MasqError & { sessionId?: string }, called));
      if (!prompt) return fallback(req, res, err);
      if (res.finalResponseSent) return;
      try {
        await answerAndPlay(deps, req, res, prompt.path);
        log.info({ code: err.code, promptId: prompt.id, level: prompt.level }, 'rejection announced');
      } catch (e) {
        log.warn({ err: e, code: err.code }, 'rejection prompt not played; bare status instead');
        if (!res.finalResponseSent) refuse(res, err);
      }
    })().catch((e: unknown) => {
      log.warn({ err: e }, 'rejection prompt failed');
      if (!res.finalResponseSent) refuse(res, err);
    });
  };
}
