/**
 * The legs of a media call, one party each, ending on a FreeSWITCH endpoint:
 * what they answer inside the dialog, and how an endpoint is released.
 */
import type Srf from 'drachtio-srf';
import type Mrf from 'drachtio-fsmrf';
import type { Logger } from '../logger.js';
import { ALLOW, OWN_HEADERS } from './headers.js';
import { relayInfo } from './dialog-relay.js';
import type { SdpFilter } from './sdp-filter.js';

/** How long an endpoint's hang-up may take before it is killed. */
const ENDPOINT_RELEASE_MS = 3000;

/**
 * In-dialog requests on a party's leg: a re-INVITE or UPDATE with SDP (hold,
 * resume, a new address) re-negotiates that party's endpoint and is answered
 * with FreeSWITCH's SDP, filtered; a re-INVITE without SDP gets FreeSWITCH's
 * current SDP as the offer. DTMF sent by INFO reaches the other party once the
 * two are bridged (before that, there is nobody to press keys to: 200, dropped).
 * Transfers are refused; the rest answered as on the direct path.
 */
export function answerInDialog(
  d: Srf.Dialog,
  endpoint: () => Mrf.Endpoint | undefined,
  ctx: { filter: SdpFilter; log: Logger; over: () => boolean; bridgedTo: () => Srf.Dialog | undefined },
): void {
  const renegotiate = async (req: Srf.SrfRequest, res: Srf.SrfResponse) => {
    const ep = endpoint();
    if (!ep || ctx.over()) return res.send(481);
    try {
      if (req.body) await ep.modify(ctx.filter.filter(req.body));
      res.send(200, { body: ctx.filter.filter(ep.local.sdp), headers: { ...OWN_HEADERS, 'Content-Type': 'application/sdp' } });
    } catch (err) {
      ctx.log.warn({ err }, 'media leg re-negotiation failed: 488');
      res.send(488);
    }
  };
  d.on('modify', (req: Srf.SrfRequest, res: Srf.SrfResponse) => void renegotiate(req, res));
  d.on('update', (req: Srf.SrfRequest, res: Srf.SrfResponse) => {
    if (req.body) void renegotiate(req, res);
    else res.send(200, { headers: { ...OWN_HEADERS } });
  });
  d.on('info', (req: Srf.SrfRequest, res: Srf.SrfResponse) => {
    const peer = ctx.bridgedTo();
    if (!peer?.connected || ctx.over()) return res.send(200, { headers: { ...OWN_HEADERS } });
    relayInfo(peer, req, res).catch((err: unknown) => {
      ctx.log.info({ err }, 'INFO not relayed');
      if (!res.finalResponseSent) res.send((err as { status?: number }).status ?? 500);
    });
  });
  d.on('options', (_req: Srf.SrfRequest, res: Srf.SrfResponse) => res.send(200, { headers: { ...OWN_HEADERS } }));
  d.on('refer', (_req: Srf.SrfRequest, res: Srf.SrfResponse) => {
    res.send(403);
    ctx.log.info('transfer refused (REFER): 403');
  });
  d.on('message', (_req: Srf.SrfRequest, res: Srf.SrfResponse) => res.send(405, { headers: { Allow: ALLOW } }));
  d.on('notify', (_req: Srf.SrfRequest, res: Srf.SrfResponse) => res.send(481));
  d.on('subscribe', (_req: Srf.SrfRequest, res: Srf.SrfResponse) => res.send(489));
}

/**
 * Hangs an endpoint up. One FreeSWITCH does not confirm within a bound (gone or
 * stuck) is killed by uuid and our SIP dialog with it ended, each bounded too.
 */
export async function releaseEndpoint(ep: Mrf.Endpoint, server: Mrf.MediaServer): Promise<void> {
  const bounded = <T>(p: Promise<T>) => Promise.race([p.then(() => true, () => false), new Promise<false>((r) => setTimeout(() => r(false), ENDPOINT_RELEASE_MS).unref())]);
  if (await bounded(ep.destroy())) return;
  await Promise.all([bounded(server.api(`uuid_kill ${ep.uuid}`)), ep.dialog?.connected ? bounded(ep.dialog.destroy()) : undefined]);
}

/** The callee answered an offerless INVITE with its own offer (the ACK is ours to send). */
export function isLateOffer(x: Srf.LateOfferAnswer | Srf.Dialog): x is Srf.LateOfferAnswer {
  return typeof (x as Partial<Srf.LateOfferAnswer>).ack === 'function' && typeof (x as Partial<Srf.LateOfferAnswer>).sdp === 'string';
}

/** One cadence of North American ringback (440 + 480 Hz, 2 s on, 4 s off). */
const RINGBACK_CADENCE = 'tone_stream://%(2000,4000,440,480)';

/** Ringback playing on an endpoint; stop() resolves once the channel is free for what comes next. */
export interface Ringback {
  stop(): Promise<void>;
}

/**
 * Ringback one cadence at a time until stopped. Stopping breaks off the cadence
 * playing (again, should the break land just before it started) and never
 * anything played after it: an application running on the channel would hold
 * back every command behind it.
 */
export function startRingback(ep: Mrf.Endpoint, over: () => boolean): Ringback {
  let on = true;
  const loop = (async () => {
    while (on && !over()) {
      await ep.play(RINGBACK_CADENCE).catch(() => {
        on = false;
      });
    }
  })();
  let done = false;
  void loop.then(() => (done = true));
  return {
    async stop() {
      on = false;
      for (let i = 0; i < 50 && !done; i++) {
        await ep.api('uuid_break', ep.uuid).catch(() => undefined);
        await Promise.race([loop, new Promise((r) => setTimeout(r, 100))]);
      }
    },
  };
}

/**
 * Starts recording a call from the caller's endpoint (dual: caller left, callee
 * right), by API commands rather than channel applications so they take effect
 * at once; true when FreeSWITCH said it started.
 */
export async function startRecording(ep: Mrf.Endpoint, rec: { channels: 'mono' | 'dual'; pathOnMediaServer: string }, log: Logger): Promise<boolean> {
  if (rec.channels === 'dual') await ep.api('uuid_setvar', `${ep.uuid} RECORD_STEREO true`);
  const r = await ep.api('uuid_record', `${ep.uuid} start ${rec.pathOnMediaServer}`);
  const started = /^\+OK/.test(r.getBody?.() ?? '');
  if (!started) log.warn({ answer: (r.getBody?.() ?? '').slice(0, 120) }, 'recording did not start');
  return started;
}
