/**
 * Programmable sip.js phones for e2e tests, all on one WebSocket connection to
 * drachtio-server (see ws-link.ts for why one connection and how messages find
 * their phone).
 *
 * - A caller dials through drachtio: `phone.call(number)` sends its INVITE down
 *   the connection, drachtio hands it to Masq.
 * - A callee is reached through the trunk URI `bank.trunkUri`
 *   (`sip:{number}@127.0.0.1:<this connection's port>;transport=ws`): drachtio
 *   sends Masq's outbound INVITE down the same connection, and the phone owning
 *   that number answers as told (`answerAfterMs`, `rejectWith`, or never).
 * - Every message each phone sent or received is kept (`phone.messages()`).
 *
 * @example
 * const bank = await startPhoneBank({ wsPort: drachtio.wsPort });
 * // MASQ_TRUNK_OUTBOUND_URI = bank.trunkUri
 * const alice = await bank.phone('+14155551001');
 * const bob = await bank.phone('+12125551001', { answerAfterMs: 300 });
 * const out = alice.call('+12025550100');
 * const inc = await bob.nextCall();
 * await out.waitFor('answered');
 * await inc.hangUp();
 * expect(await out.ended).toEqual({ by: 'remote', how: 'bye' });
 */
import { Invitation, Inviter, SessionState, UserAgent, type Session } from 'sip.js';
import { LinkTransport, SipLink, type LinkTransportOptions } from './ws-link.js';
import { PhoneCall } from './phone-call.js';
import type { SipMessage } from './sip-message.js';
import { StaticSdh } from './static-sdh.js';

/** What a phone does with an incoming call. With neither answer nor reject it rings until cancelled. */
export interface IncomingBehaviour {
  /** Send 180 Ringing at once (default true). */
  ring?: boolean;
  /** Answer (200 with SDP) this long after the INVITE. */
  answerAfterMs?: number;
  /** Refuse with this final status (486, 603 …), `rejectAfterMs` after the INVITE. */
  rejectWith?: number;
  rejectAfterMs?: number;
  /** Once answered, hang up (BYE) this long after the answer. */
  hangUpAfterMs?: number;
}

/** One number's sip.js user agent: it calls out, and answers incoming calls by its behaviour. */
export interface Phone {
  readonly number: string;
  /** Every call of this phone, either way, oldest first. */
  readonly calls: PhoneCall[];
  /** What the phone does with the next incoming calls. */
  behaviour: IncomingBehaviour;
  /** Dials `target` (a number) through drachtio; the call is under way when this returns. */
  call(target: string): PhoneCall;
  /** The next incoming call not yet handed out by nextCall (waits for it). */
  nextCall(ms?: number): Promise<PhoneCall>;
  /** Every SIP message this phone sent or received, in order. */
  messages(): SipMessage[];
}

/** The phones of one test file, on one WebSocket connection to drachtio-server. */
export interface PhoneBank {
  /** The trunk URI template that reaches these phones: put it in MASQ_TRUNK_OUTBOUND_URI. */
  readonly trunkUri: string;
  /** Requests for numbers no phone has (answered 404 by the bank), and those 404s. */
  readonly unrouted: SipMessage[];
  /**
   * A phone for `number` (E.164 as Masq writes it in the Request-URI; one phone a
   * number). `rtpPort` is where its SDP says it takes audio: a test's RtpEndpoint,
   * or by default a port nothing listens on (signalling-only tests).
   */
  phone(number: string, behaviour?: IncomingBehaviour, opts?: { rtpPort?: number }): Promise<Phone>;
  /** Stops every phone's user agent (sip.js ends their calls) and closes the connection. */
  stop(): Promise<void>;
}

let phoneCount = 0;

/**
 * Opens the bank's WebSocket connection to drachtio-server on 127.0.0.1:`wsPort`.
 * Stop it (after the calls) with `bank.stop()`.
 */
export async function startPhoneBank(opts: { wsPort: number }): Promise<PhoneBank> {
  const link = await SipLink.open(`ws://127.0.0.1:${opts.wsPort}`);
  const agents: UserAgent[] = [];
  return {
    trunkUri: `sip:{number}@127.0.0.1:${link.localPort};transport=ws`,
    unrouted: link.unrouted,
    async phone(number, behaviour = {}, phoneOpts = {}) {
      const n = ++phoneCount;
      const phone = createPhone(link, number, n, behaviour, phoneOpts.rtpPort ?? 30_000 + 2 * (n % 5000), opts.wsPort);
      agents.push(phone.ua);
      await phone.ua.start();
      return phone.api;
    },
    async stop() {
      for (const ua of agents) await ua.stop().catch(() => undefined);
      await link.close();
    },
  };
}

function createPhone(link: SipLink, number: string, n: number, initial: IncomingBehaviour, rtpPort: number, drachtioWsPort: number): { ua: UserAgent; api: Phone } {
  const log: SipMessage[] = [];
  const contactUser = `phone${n}`;
  const viaHost = `phone${n}.invalid`;
  const transportOptions: LinkTransportOptions = { link, route: { users: [number, contactUser], viaHost, record: (m) => log.push(m) } };
  const waiting: ((c: PhoneCall) => void)[] = [];
  const unclaimed: PhoneCall[] = [];
  const messages = () => log.slice();
  const uri = UserAgent.makeURI(`sip:${number}@127.0.0.1`);
  if (!uri) throw new Error(`not a SIP user: ${number}`);
  const api: Phone = {
    number,
    calls: [],
    behaviour: initial,
    call(target) {
      const to = UserAgent.makeURI(`sip:${target}@127.0.0.1:${drachtioWsPort};transport=ws`);
      if (!to) throw new Error(`not a SIP user: ${target}`);
      const inviter = new Inviter(ua, to);
      const call = new PhoneCall(inviter, messages);
      api.calls.push(call);
      inviter
        .invite({
          requestDelegate: {
            onProgress: (r) => {
              if (r.message.statusCode === 180 || r.message.statusCode === 183) call.set('ringing');
            },
            // A 487 after our own CANCEL was recorded by hangUp already; finish keeps the first cause.
            onReject: (r) => call.finish({ by: 'remote', how: 'rejected', status: r.message.statusCode ?? 0 }),
          },
        })
        .catch((err: unknown) => call.finish({ by: 'local', how: 'failed', status: (err as { statusCode?: number }).statusCode ?? 0 }));
      return call;
    },
    nextCall(ms = 10_000) {
      const ready = unclaimed.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no call reached ${contactUser} in ${ms} ms`)), ms);
        waiting.push((c) => (clearTimeout(t), resolve(c)));
      });
    },
    messages,
  };
  const onInvite = (invitation: Invitation) => {
    const call = new PhoneCall(invitation, messages);
    api.calls.push(call);
    const taker = waiting.shift();
    if (taker) taker(call);
    else unclaimed.push(call);
    behave(call, invitation, api.behaviour);
  };
  const ua = new UserAgent({
    uri,
    viaHost,
    contactName: contactUser,
    transportConstructor: LinkTransport,
    transportOptions,
    sessionDescriptionHandlerFactory: () => new StaticSdh({ number, rtpPort }),
    delegate: { onInvite },
    logBuiltinEnabled: false,
    logLevel: 'error',
    // The behaviour decides whether and when to ring (sip.js would send 180 by itself).
    sendInitialProvisionalResponse: false,
    // The test decides when a call is answered, never a timer of the library.
    noAnswerTimeout: 3600,
  });
  return { ua, api };
}

/** Plays an incoming call's behaviour; a step that finds the call already over does nothing. */
function behave(call: PhoneCall, invitation: Invitation, b: IncomingBehaviour): void {
  const live = (s: Session) => s.state === SessionState.Initial || s.state === SessionState.Establishing;
  if (b.ring ?? true) {
    invitation.progress().then(
      () => call.set('ringing'),
      () => undefined,
    );
  }
  if (b.rejectWith !== undefined) {
    const status = b.rejectWith;
    setTimeout(() => {
      if (!live(invitation)) return;
      invitation.reject({ statusCode: status }).then(
        () => call.finish({ by: 'local', how: 'rejected', status }),
        () => undefined,
      );
    }, b.rejectAfterMs ?? 0);
  } else if (b.answerAfterMs !== undefined) {
    setTimeout(() => {
      if (!live(invitation)) return;
      invitation.accept().then(
        () => {
          if (b.hangUpAfterMs !== undefined) setTimeout(() => void call.hangUp().catch(() => undefined), b.hangUpAfterMs);
        },
        () => undefined,
      );
    }, b.answerAfterMs);
  }
}
