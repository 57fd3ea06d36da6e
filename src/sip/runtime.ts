/**
 * The SIP side: attaches to drachtio-server (outbound connection, reconnecting
 * with backoff), runs the INVITE middleware chain and one CallSession per call,
 * and drains on shutdown. The API keeps working while SIP is down; /readyz says so.
 */
import type Srf from 'drachtio-srf';
import type { SipConfig } from '../config.js';
import type { CallEvents } from './call-events.js';
import type { Logger } from '../logger.js';
import type { Resolver } from '../masking/resolve.js';
import { CallJournal } from '../store/call-journal.js';
import type { CallStore } from '../store/calls.js';
import { CallSession } from './call-session.js';
import type { SipServer } from './srf.js';
import type { FrontEnds } from './front-ends.js';
import type { MediaServers } from '../media/media-servers.js';
import type { MediaAnchor } from '../media/rtpengine.js';
import { sourceAcl } from './middleware/acl.js';
import { refuseWhileDraining } from './middleware/draining.js';
import { shedWhenOverloaded } from './middleware/shed.js';
import { initContext, unlessCancelled } from './middleware/init-context.js';
import { instanceLimit, rateLimit } from './middleware/limits.js';
import { parseNumbers } from './middleware/parse-numbers.js';
import { resolveSession } from './middleware/resolve-session.js';
import { trunkAuth } from './middleware/trunk-auth.js';
import type { CallRequest } from './middleware/types.js';
import { CallRegistry } from './registry.js';
import { refuse, rejectWithStatus, type RejectCall } from './reject-call.js';
import { CallRecordWriter } from './call-record.js';
import { MediaCallSession } from './media-call.js';
import type { MediaPlan } from './media-plan.js';
import { answeredLeg } from './first-leg.js';
import { decideMedia, type MediaPath } from './media-plan.js';
import type { MediaLease } from '../media/media-servers.js';
import { SipUnavailable, type MediaUnavailable } from '../errors.js';
import type { RequestedCallPlan } from './requested-plan.js';
import { requestedCallStarter } from './start-requested.js';
import type { Route } from '../masking/types.js';
import type { RoutingCallback } from './routing-callback.js';

export interface SipRuntime {
  readonly registry: CallRegistry;
  /** The calls' record writes waiting for Redis. */
  readonly journal: CallJournal;
  start(): void;
  /** Rejects while attached to no drachtio-server. */
  ready(): Promise<void>;
  /** True while attached to at least one drachtio-server. */
  isAttached(): boolean;
  /**
   * Starts a request-a-call whose record the API has written: rings the first
   * party, then the second, and bridges them. Throws SipUnavailable (nothing
   * rung) while not attached to drachtio-server or draining.
   */
  requestCall(plan: RequestedCallPlan): void;
  /** Whether calls can be placed now (attached, not draining). */
  canPlaceCalls(): boolean;
  /** Refuses new calls, lets live ones run up to the drain timeout, then ends them. */
  stop(): Promise<void>;
}

export interface SipDeps {
  config: SipConfig;
  resolver: Resolver;
  calls: CallStore;
  events: CallEvents;
  log: Logger;
  /** How unroutable calls are turned away (default: SIP status only; media may play a prompt). */
  rejectCall?: RejectCall;
  /** The customer's out-of-session routing callback, when configured. */
  routing?: RoutingCallback;
  isVirtualNumber(e164: string): Promise<boolean>;
  /** rtpengine, when media is anchored. */
  anchor?: MediaAnchor;
  /** Marks a digest nonce used (trunk authentication); false when it was. */
  claimNonce(nonce: string, ttlMs: number): Promise<boolean>;
  /** The drachtio-servers calls arrive on and leave through (shared with the media side). */
  frontEnds: FrontEnds;
  /** FreeSWITCH media servers, when configured: connected and released with the SIP side. */
  media?: MediaServers;
  /** Announcements and recording through those servers. */
  mediaPath?: MediaPath;
  /** Settles a call's recording after the call: from its file once started, else failed with `reason`. */
  settleRecording?(callId: string, started: boolean, reason?: string): Promise<void>;
  /** True while this instance is too busy for new calls (src/load-guard.ts). */
  overloaded?(): boolean;
  /** Told the final status of every INVITE this instance answered (metrics). */
  onFinalResponse?(status: number): void;
}

/** How long shutdown waits for queued record writes once the calls are gone. */
const JOURNAL_FLUSH_MS = 5000;
/** How long shutdown waits for calls still being routed (lookups and callbacks are bounded well below). */
const CHAIN_WAIT_MS = 5000;

/** Builds the SIP side: the drachtio connection, the INVITE chain, the call registry and journal. */
export function createSipRuntime(deps: SipDeps): SipRuntime {
  const { config, log } = deps;
  const { frontEnds } = deps;
  const registry = new CallRegistry();
  const journal = new CallJournal({ log });
  let draining = false;
  let stopping: Promise<void> | undefined;

  // Every step after the first stops for a cancelled call; resolveSession and the
  // CallSession see a CANCEL that lands while they wait and record the call.
  // Calls still in the chain (a routing lookup or callback in flight) count for
  // drain too: shutdown waits for each to be answered or to become a CallSession.
  let inChain = 0;
  let chainWaiter: (() => void) | undefined;
  const leftChain = () => {
    if (--inChain === 0) chainWaiter?.();
  };
  /** The application a request came in on: its dialogs live on that drachtio-server's connection. */
  const arrivedOn = (req: CallRequest): SipServer => (req as CallRequest & { srf: SipServer }).srf;
  const init = initContext(log);
  const enter = (req: CallRequest, res: Srf.SrfResponse, next: (err?: unknown) => void): void => {
    inChain++;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      leftChain();
    };
    const onFinal = deps.onFinalResponse;
    res.once('end', onFinal ? () => (leave(), onFinal(res.status)) : leave);
    init(req, res, () => {
      req.locals.leaveChain = leave;
      next();
    });
  };
  const steps = [
    refuseWhileDraining(() => draining),
    shedWhenOverloaded({ ...(deps.overloaded ? { overloaded: deps.overloaded } : {}), admissionOf: (req) => frontEnds.of(arrivedOn(req))?.admission }),
    sourceAcl(config.trunk.allow),
    rateLimit(config.rateLimitPerSource),
    instanceLimit(() => registry.size + inChain, config.limits.perInstance),
    ...(config.trunk.auth ? [trunkAuth({ ...config.trunk.auth, claimNonce: deps.claimNonce })] : []),
    parseNumbers(config.trunk, config.trunk.numbers),
    resolveSession({
      resolver: deps.resolver,
      calls: deps.calls,
      rejectCall: deps.rejectCall ?? rejectWithStatus,
      isVirtualNumber: deps.isVirtualNumber,
      ringTimeoutS: config.ringTimeoutS,
      callTimeLimitS: config.callTimeLimitS,
      maxPerSession: config.limits.perSession,
      maxPerNumber: config.limits.perNumber,
      onRouted: (req, res) => startCall(req, res),
      ...(deps.routing ? { routing: deps.routing } : {}),
    }),
  ];
  const chain = steps.map((step) => unlessCancelled(step));

  /** Every routed call, cancelled or not, gets its CallSession (or MediaCallSession) here. */
  const startCall = (req: CallRequest, res: Srf.SrfResponse): void => {
    req.locals.leaveChain?.();
    const route = req.locals.route as Route;
    // The fast path: nothing about this call can need a media server.
    if (!route.media || (!deps.mediaPath && !route.media.record)) return startDirect(req, res);
    decideMedia(route, req.locals.callId, deps.mediaPath).then(
      (d) => {
        if (d.kind === 'direct') startDirect(req, res, d.recordingFailed);
        else if (d.kind === 'refuse') refuseForMedia(req, res, d.err);
        else startMedia(req, res, d.lease, d.plan);
      },
      (err: unknown) => {
        req.locals.log.warn({ err }, 'media plan failed; direct bridge');
        startDirect(req, res, route.media?.record ? 'media_unavailable: media plan failed' : undefined);
      },
    );
  };

  /** What every call, direct or through a media server, is given (with the front end it runs on). */
  const callDeps = {
    calls: deps.calls,
    journal,
    events: deps.events,
    trunk: config.trunk,
    isDraining: () => draining,
    ringTimeoutS: config.ringTimeoutS,
    callTimeLimitS: config.callTimeLimitS,
    sessionTimerS: config.sessionTimerS,
  };


  const startDirect = (req: CallRequest, res: Srf.SrfResponse, recordingFailed?: string): void => {
    const srf = arrivedOn(req);
    const admission = frontEnds.of(srf)?.admission;
    const call = new CallSession(req, res, {
      ...callDeps,
      srf,
      ...(admission ? { onAckDelay: (ms: number) => admission.observe(ms, req.source_address), onHandoff: (ms: number) => admission.observeHandoff(ms) } : {}),
      anchor: deps.anchor,
      onEnd: (c) => {
        registry.remove(c);
        // Recording was asked for and could not be done (best-effort): the record says why.
        if (recordingFailed) void deps.settleRecording?.(c.id, false, recordingFailed);
      },
    });
    registry.add(call);
    // run() ends every call itself; this only reports a defect in it.
    call.run().catch((err: unknown) => req.locals.log.error({ err: err instanceof Error ? err : new Error(String(err)) }, 'call failed'));
  };

  const startMedia = (req: CallRequest, res: Srf.SrfResponse, lease: MediaLease, plan: MediaPlan): void => {
    const srf = arrivedOn(req);
    const call = new MediaCallSession(answeredLeg(req, res, { srf, sessionTimerS: config.sessionTimerS }), CallRecordWriter.forRequest(req, callDeps), lease, plan, {
      ...callDeps,
      srf,
      onEnd: (c, recorded) => {
        registry.remove(c);
        if (plan.record) void deps.settleRecording?.(c.id, recorded, 'recording did not start on the media server');
      },
    });
    registry.add(call);
    call.run().catch((err: unknown) => req.locals.log.error({ err: err instanceof Error ? err : new Error(String(err)) }, 'media call failed'));
  };

  const startRequested = requestedCallStarter({
    config,
    callDeps,
    registry,
    log,
    ...(deps.mediaPath ? { mediaPath: deps.mediaPath } : {}),
    ...(deps.anchor ? { anchor: deps.anchor } : {}),
    ...(deps.settleRecording ? { settleRecording: deps.settleRecording } : {}),
  });

  /** A call whose session requires recording, with no media server to record it: 503, and the record says why. */
  const refuseForMedia = (req: CallRequest, res: Srf.SrfResponse, err: MediaUnavailable): void => {
    const rec = CallRecordWriter.forRequest(req, callDeps);
    rec.startIfNeeded({ ringS: config.ringTimeoutS, limitS: config.callTimeLimitS });
    rec.event('call.initiated');
    if (!req.locals.cancelled) refuse(res, err);
    req.locals.log.warn({ code: err.code, reason: err.message }, 'call refused: recording required, no media server');
    rec.finish({ reason: 'media_unavailable', hungUpBy: 'masq', sipStatus: req.locals.cancelled ? 487 : 503 }, null, Date.now());
  };
  // A front end's calls go with it: each is ended and its record says why.
  frontEnds.onLost((srf) => {
    const orphans = registry.all().filter((c) => c.frontEnd === srf);
    if (orphans.length > 0) log.warn({ calls: orphans.length }, 'calls lost with their drachtio-server');
    for (const c of orphans) void c.frontEndLost();
  });

  // Every front end runs the same chain; resolveSession hands calls to startCall
  // itself, so the INVITE handler is only the chain's end.
  for (const { srf } of frontEnds.all) {
    srf.use<CallRequest>('invite', enter);
    for (const step of chain) srf.use<CallRequest>('invite', step);
    srf.invite<CallRequest>(startCall);
  }

  return {
    registry,
    journal,
    start() {
      frontEnds.start();
      deps.media?.start();
    },
    async ready() {
      if (!frontEnds.isAttached()) throw new Error('not attached to drachtio-server');
    },
    isAttached: () => frontEnds.isAttached(),
    canPlaceCalls: () => frontEnds.isAttached() && !draining,
    requestCall(plan) {
      if (draining) throw new SipUnavailable('shutting down');
      const srf = frontEnds.pick();
      if (!srf) throw new SipUnavailable('not attached to drachtio-server');
      void startRequested(plan, srf);
    },
    stop() {
      stopping ??= (async () => {
        draining = true;
        if (inChain > 0) {
          await new Promise<void>((resolve) => {
            chainWaiter = resolve;
            setTimeout(resolve, CHAIN_WAIT_MS).unref();
          });
        }
        if (registry.size > 0) {
          log.info({ calls: registry.size, timeoutS: config.drainTimeoutS }, 'draining live calls');
          const emptied = await registry.emptied(config.drainTimeoutS * 1000);
          if (!emptied) {
            log.info({ calls: registry.size }, 'drain timeout: ending remaining calls');
            await Promise.all(registry.all().map((c) => c.shutdown()));
          }
        }
        await journal.flush(JOURNAL_FLUSH_MS);
        deps.media?.stop();
        frontEnds.stop();
      })();
      return stopping;
    },
  };
}
