/**
 * Setting up a masked call: the INVITE to the other party, its provisional
 * responses relayed to the caller, and — once the callee answers — the caller's
 * 200 OK. Masq's own back-to-back logic rather than drachtio-srf's createB2BUA,
 * so that nothing crosses unfiltered on any path of call setup:
 *
 * - every SDP (offer, 18x, 200, the late-offer answer in the caller's ACK) goes
 *   through the call's media path (the allow-list filter, and rtpengine when
 *   media is anchored);
 * - every header of the new messages is built by Masq (headers.ts), none copied;
 * - a CANCEL reaches the callee with only a sanitised Reason;
 * - a caller that cancelled or a call stopped while the callee was answering is
 *   never connected: the answered leg is hung up.
 *
 * 100rel: each leg on its own. drachtio-srf PRACKs a callee's reliable
 * provisionals; a caller that requires 100rel gets its provisionals reliably and
 * its 200 OK once they are PRACKed. Masq does not offer 100rel to the callee.
 */
import { performance } from 'node:perf_hooks';
import type Srf from 'drachtio-srf';
import type { SipServer } from './srf.js';
import type { Logger } from '../logger.js';
import { OWN_HEADERS, ownContact } from './headers.js';
import type { CallRequest } from './middleware/types.js';
import { reasonFor } from './reasons.js';
import type { CallMedia } from './call-media.js';

/**
 * Both legs of a connected call. The caller's dialog (`uas`) holds its requests
 * (`queueRequests`) until whoever placed the call has wired its handlers and sets
 * `uas.queueRequests = false`.
 */
export interface Bridge {
  uas: Srf.Dialog;
  uac: Srf.Dialog;
}

/** The callee answered, but the call was cancelled or stopped meanwhile: the answered leg was hung up. */
export class CallAbandoned extends Error {
  override readonly name = 'CallAbandoned';
}

export interface PlaceCallOptions {
  srf: SipServer;
  req: CallRequest;
  res: Srf.SrfResponse;
  /** Request-URI of the outbound INVITE. */
  uri: string;
  /** Headers of the outbound INVITE (identity built from virtual numbers, Allow, session timer). */
  headers: Record<string, string>;
  /** More headers of the caller's 200 OK (session timer). */
  answerHeaders: Record<string, string>;
  /** Credentials for the carrier's 401/407 challenges. */
  auth: { username: string; password: string } | undefined;
  media: CallMedia;
  log: Logger;
  /** The outbound INVITE is on the wire: keep it to CANCEL it. */
  onRequest(uacReq: Srf.SrfRequest): void;
  /** The caller's ACK came `ms` after its 200 OK was on the wire (drachtio-server's queue: admission.ts). */
  onAckDelay?(ms: number): void;
  /** The outbound INVITE was on the wire `ms` after it was handed to drachtio-server (admission.ts). */
  onHandoff?(ms: number): void;
  /** A provisional response from the callee (after it was relayed). */
  onProvisional(res: Srf.SrfResponse): void;
  /** True when the call must not be connected any more (the caller cancelled, ring timeout, shutdown). */
  abandoned(): boolean;
}

const PRACK_WAIT_MS = 500;

function isLateOfferAnswer(x: Srf.Dialog | Srf.LateOfferAnswer): x is Srf.LateOfferAnswer {
  return typeof (x as Srf.LateOfferAnswer).ack === 'function' && !('sip' in x);
}

/** Hangs up a leg that must not stay; errors mean it is gone already. */
async function hangUp(leg: Srf.Dialog | Srf.LateOfferAnswer): Promise<void> {
  try {
    await leg.destroy();
  } catch {
    // already gone
  }
}

/**
 * Answers the caller (200 OK) and holds the new dialog's requests from the very
 * moment it exists. drachtio-srf handles a re-INVITE or BYE inside a dialog at
 * once; one that arrives right behind the caller's ACK (a phone putting the call
 * on hold as soon as it connects) would otherwise meet a dialog with no handlers
 * yet: srf answers such a re-INVITE itself with the old SDP, so the other party
 * never hears of it, and a BYE tears nothing down. The callback form runs in the
 * same tick as the dialog's creation; a promise would resume too late.
 */
function answerCallerHeld(srf: SipServer, req: CallRequest, res: Srf.SrfResponse, opts: { localSdp: string; headers: Record<string, string> }): Promise<Srf.Dialog> {
  return new Promise((resolve, reject) => {
    srf.createUAS(req, res, opts, (err: unknown, dialog: Srf.Dialog) => {
      if (err) return reject(err as Error);
      dialog.queueRequests = true;
      resolve(dialog);
    });
  });
}

/**
 * Places the outbound leg and, once it answers, answers the caller.
 * Resolves with both dialogs; rejects with the callee's SipError (status),
 * CallAbandoned, or whatever drachtio reports.
 */
export async function placeCall(o: PlaceCallOptions): Promise<Bridge> {
  const { srf, req, res, media } = o;
  const offer = req.body ? await media.offer('caller', req.body) : undefined;
  const reliable = /\b100rel\b/i.test(req.get('Require') ?? '');
  let unacked = 0;
  // Provisional responses reach the caller in order, and before its 200.
  let relayed: Promise<void> = Promise.resolve();

  const sendProvisional = async (p: Srf.SrfResponse): Promise<void> => {
    if (p.status <= 100 || res.finalResponseSent || o.abandoned()) return;
    const body = p.body ? await media.answer('callee', p.body) : '';
    if (res.finalResponseSent || o.abandoned()) return;
    const headers: Record<string, string> = { ...OWN_HEADERS, Contact: ownContact(req), ...(body ? { 'Content-Type': 'application/sdp' } : {}) };
    const opts = { headers, ...(body ? { body } : {}) };
    if (reliable) {
      headers.Require = '100rel';
      unacked++;
      res.send(p.status, reasonFor(p.status), opts, null, () => unacked--);
    } else {
      res.send(p.status, reasonFor(p.status), opts);
    }
  };
  const relay = (p: Srf.SrfResponse): void => {
    relayed = relayed.then(() => sendProvisional(p)).catch((err: unknown) => o.log.info({ err }, 'provisional response not relayed'));
    o.onProvisional(p);
  };
  const handedAt = performance.now();
  const progress: Srf.UacProgress = {
    cbRequest: (err, uacReq) => {
      if (!err) o.onHandoff?.(performance.now() - handedAt);
      if (!err && uacReq) o.onRequest(uacReq);
    },
    cbProvisional: relay,
  };

  const auth = o.auth ? { auth: o.auth } : {};
  const answered = offer
    ? await srf.createUAC(o.uri, { headers: o.headers, localSdp: offer, ...auth }, progress)
    : await srf.createUAC(o.uri, { headers: o.headers, noAck: true, ...auth }, progress);

  await relayed;
  if (o.abandoned()) {
    await hangUp(answered);
    throw new CallAbandoned('call stopped while the callee answered');
  }
  for (let waited = 0; unacked > 0 && waited < PRACK_WAIT_MS; waited += 50) await new Promise((r) => setTimeout(r, 50));

  if (isLateOfferAnswer(answered)) return completeLateOffer(o, answered);

  const uac = answered;
  // The callee may re-INVITE before the caller's ACK: hold its requests until then.
  uac.queueRequests = true;
  let uas: Srf.Dialog;
  try {
    const answer = await media.answer('callee', uac.remote.sdp);
    uas = await answerCallerHeld(srf, req, res, { localSdp: answer, headers: { ...OWN_HEADERS, ...o.answerHeaders } });
  } catch (err) {
    await hangUp(uac);
    throw err;
  }
  const answeredAt = performance.now();
  uas.once('ack', () => {
    uac.queueRequests = false;
    o.onAckDelay?.(performance.now() - answeredAt);
  });
  return { uas, uac };
}

/**
 * Late offer (the caller's INVITE had no SDP): the callee's 200 carries the
 * offer, the caller's ACK the answer. Both cross filtered.
 */
async function completeLateOffer(o: PlaceCallOptions, late: Srf.LateOfferAnswer): Promise<Bridge> {
  let uas: Srf.Dialog;
  try {
    const offer = await o.media.offer('callee', late.sdp);
    uas = await o.srf.createUAS(o.req, o.res, { localSdp: offer, headers: { ...OWN_HEADERS, ...o.answerHeaders } });
  } catch (err) {
    await hangUp(late);
    throw err;
  }
  const ack = await new Promise<Srf.SrfRequest | undefined>((resolve) => {
    uas.once('ack', resolve);
    uas.on('destroy', () => resolve(undefined));
  });
  if (!ack || !uas.connected) {
    await hangUp(late);
    throw new CallAbandoned('caller gone before its ACK');
  }
  let answer: string;
  try {
    answer = await o.media.answer('caller', ack.body);
  } catch (err) {
    await hangUp(late);
    throw err;
  }
  const uac = await late.ack(answer);
  return { uas, uac };
}
