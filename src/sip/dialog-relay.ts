/**
 * What happens inside a connected call, between its two dialogs. Each in-dialog
 * request is relayed on purpose or answered by Masq itself; nothing falls through
 * to drachtio-srf's defaults (which answer REFER, MESSAGE and OPTIONS 200 with
 * nothing behind them).
 *
 * | request from either party     | Masq                                                       |
 * |-------------------------------|------------------------------------------------------------|
 * | re-INVITE with SDP            | re-INVITE to the other party, SDP filtered both ways       |
 * | re-INVITE without SDP         | the same without SDP: the other party's offer comes back in the 200, the answer in the ACK, both filtered |
 * | UPDATE                        | relayed, SDP filtered both ways                            |
 * | INFO (DTMF, fast update)      | relayed with its Content-Type only; other bodies 415       |
 * | OPTIONS                       | answered 200 by Masq (a keep-alive probe), not relayed     |
 * | REFER                         | 403: a transfer would connect a party to a number the other side chose |
 * | MESSAGE                       | 405: not relayed (text inside a masked call is out of scope) |
 * | NOTIFY, SUBSCRIBE             | 481 / 489: Masq holds no subscriptions                     |
 *
 * Glare (both sides re-INVITE at once) is the endpoints' to resolve: each
 * relayed re-INVITE meets the other's pending one and the 491 comes back.
 */
import type Srf from 'drachtio-srf';
import type { Logger } from '../logger.js';
import { ALLOW, infoRelayable, isSdp, OWN_HEADERS } from './headers.js';
import { reasonFor } from './reasons.js';
import type { CallMedia } from './call-media.js';

export type Party = 'caller' | 'callee';

export interface RelayHooks {
  log: Logger;
  /** A party tried to transfer the call (REFER); it was refused. */
  onTransferRefused(by: Party): void;
}

type SipError = Error & { status?: number };

/** Sends a final response once, with a standard reason phrase. */
function answer(res: Srf.SrfResponse, status: number, opts: { headers?: Record<string, string>; body?: string } = {}): void {
  if (res.finalResponseSent) return;
  res.send(status, reasonFor(status), { ...opts, headers: { ...OWN_HEADERS, ...opts.headers } });
}

function failure(res: Srf.SrfResponse, err: unknown): void {
  const status = (err as SipError).status;
  answer(res, typeof status === 'number' && status >= 400 && status < 700 ? status : 500);
}

const other = (p: Party): Party => (p === 'caller' ? 'callee' : 'caller');

function sdpReply(sdp: string): { headers?: Record<string, string>; body?: string } {
  return sdp ? { headers: { 'Content-Type': 'application/sdp' }, body: sdp } : {};
}

/** Relays a re-INVITE (with or without SDP) from `from` to the other party. */
async function relayReinvite(from: Party, to: Srf.Dialog, req: Srf.SrfRequest, res: Srf.SrfResponse, media: CallMedia): Promise<void> {
  if (req.body) {
    const theirs = await to.modify(await media.offer(from, req.body));
    answer(res, 200, sdpReply(await media.answer(other(from), theirs)));
    return;
  }
  // No SDP: ask the other party for an offer; the ACK brings this party's answer.
  const r = await to.modify({ noAck: true });
  if (typeof r === 'string') {
    answer(res, 200, sdpReply(await media.offer(other(from), r)));
    return;
  }
  const reply = sdpReply(await media.offer(other(from), r.sdp));
  res.send(200, reasonFor(200), { ...reply, headers: { ...OWN_HEADERS, ...reply.headers } }, null, (ack) => {
    media.answer(from, ack.body).then(
      (ours) => {
        to.local.sdp = ours;
        r.ack(ours);
      },
      () => r.ack(''),
    );
  });
}

/**
 * Relays an INFO (DTMF, a picture update) to the other party with its
 * Content-Type and body only, and answers with the other party's status; a body
 * of any other type gets 415 and goes nowhere. Shared by the media legs.
 */
export async function relayInfo(to: Srf.Dialog, req: Srf.SrfRequest, res: Srf.SrfResponse): Promise<void> {
  const type = req.get('Content-Type');
  if (!infoRelayable(type, req.body)) {
    answer(res, 415, { headers: { Accept: 'application/dtmf-relay, application/dtmf, audio/telephone-event, application/media_control+xml' } });
    return;
  }
  const r = await to.request({ method: 'INFO', headers: req.body && type ? { 'Content-Type': type } : {}, ...(req.body ? { body: req.body } : {}) });
  answer(res, r.status);
}

/** Relays UPDATE: Content-Type and the (filtered) body only. */
async function relayUpdate(from: Party, to: Srf.Dialog, req: Srf.SrfRequest, res: Srf.SrfResponse, media: CallMedia): Promise<void> {
  const type = req.get('Content-Type');
  const sdpBody = Boolean(req.body) && isSdp(type);
  const body = req.body ? (sdpBody ? await media.offer(from, req.body) : req.body) : '';
  const r = await to.request({ method: 'UPDATE', headers: body && type ? { 'Content-Type': type } : {}, ...(body ? { body } : {}) });
  if (r.body && isSdp(r.get('Content-Type'))) answer(res, r.status, sdpReply(await media.answer(other(from), r.body)));
  else answer(res, r.status);
}

/** Wires every in-dialog request of both legs. */
export function relayInDialog(uas: Srf.Dialog, uac: Srf.Dialog, media: CallMedia, hooks: RelayHooks): void {
  const pairs: [Srf.Dialog, Srf.Dialog, Party][] = [
    [uas, uac, 'caller'],
    [uac, uas, 'callee'],
  ];
  for (const [from, to, party] of pairs) {
    const guarded = (what: string, op: (req: Srf.SrfRequest, res: Srf.SrfResponse) => Promise<void>) => (req: Srf.SrfRequest, res: Srf.SrfResponse) => {
      op(req, res).catch((err: unknown) => {
        hooks.log.info({ err, party, what }, 'in-dialog request not completed');
        failure(res, err);
      });
    };
    from.on('modify', guarded('re-INVITE', (req, res) => relayReinvite(party, to, req, res, media)));
    from.on('update', guarded('UPDATE', (req, res) => relayUpdate(party, to, req, res, media)));
    from.on('info', guarded('INFO', (req, res) => relayInfo(to, req, res)));
    from.on('options', (_req, res) => answer(res, 200, { headers: { Accept: 'application/sdp' } }));
    from.on('refer', (_req, res) => {
      answer(res, 403);
      hooks.log.info({ party }, 'transfer refused (REFER): 403');
      hooks.onTransferRefused(party);
    });
    from.on('message', (_req, res) => answer(res, 405, { headers: { Allow: ALLOW } }));
    from.on('notify', (_req, res) => answer(res, 481));
    from.on('subscribe', (_req, res) => answer(res, 489));
  }
}
