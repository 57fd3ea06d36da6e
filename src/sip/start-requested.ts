/**
 * How a request-a-call is carried once the API has recorded it: through a media
 * server when there is one (ringback, the connecting prompt, whisper,
 * recording), else by third-party call control. A required recording with no
 * media server fails the call with its reason.
 */
import type { SipConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { MediaAnchor } from '../media/rtpengine.js';
import { dialledLeg } from './first-leg.js';
import { MediaCallSession, type MediaCallDeps } from './media-call.js';
import { decideMedia, type MediaDecision, type MediaPath } from './media-plan.js';
import type { CallRegistry } from './registry.js';
import { RequestedCall } from './requested-call.js';
import type { SipServer } from './srf.js';
import { requestedRecord, requestedRoute, type RequestedCallPlan } from './requested-plan.js';

export interface RequestedStarterDeps {
  config: SipConfig;
  /** What every call is given (the stores, the trunk, limits; the front end comes with each call). */
  callDeps: Omit<MediaCallDeps, 'onEnd' | 'callee' | 'srf'>;
  registry: CallRegistry;
  mediaPath?: MediaPath;
  anchor?: MediaAnchor;
  settleRecording?(callId: string, started: boolean, reason?: string): Promise<void>;
  log: Logger;
}

/** Starts request-a-calls; each runs to its end and record by itself. */
export function requestedCallStarter(d: RequestedStarterDeps): (plan: RequestedCallPlan, srf: SipServer) => Promise<void> {
  const { config, registry } = d;
  return async (plan, srf) => {
    const callDeps = { ...d.callDeps, srf };
    const log = d.log.child({ callId: plan.id, sessionId: plan.sessionId });
    const decision = await decideMedia(requestedRoute(plan), plan.id, d.mediaPath, { callerSide: plan.firstLeg }).catch((err: unknown) => {
      log.warn({ err }, 'media plan failed: connecting without media');
      return { kind: 'direct' } as MediaDecision;
    });
    if (decision.kind === 'refuse') {
      log.warn({ reason: decision.err.message }, 'request-a-call refused: recording required, no media server');
      requestedRecord(plan, callDeps).finish({ reason: 'media_unavailable', hungUpBy: 'masq', sipStatus: 503 }, null, Date.now());
      void d.settleRecording?.(plan.id, false, decision.err.message);
      return;
    }
    const recordingFailed = decision.kind === 'direct' ? decision.recordingFailed : undefined;
    const call =
      decision.kind === 'media'
        ? new MediaCallSession(
            dialledLeg(plan.first, { srf: callDeps.srf, trunk: config.trunk, sessionTimerS: config.sessionTimerS, ringS: plan.ringTimeoutSeconds ?? config.ringTimeoutS, log }),
            requestedRecord(plan, callDeps),
            decision.lease,
            decision.plan,
            {
              ...callDeps,
              callee: plan.second,
              onEnd: (c, recorded) => {
                registry.remove(c);
                if (decision.plan.record) void d.settleRecording?.(c.id, recorded, 'recording did not start on the media server');
              },
            },
          )
        : new RequestedCall(plan, {
            ...callDeps,
            ...(d.anchor ? { anchor: d.anchor } : {}),
            log,
            onEnd: (c) => {
              registry.remove(c);
              if (recordingFailed) void d.settleRecording?.(c.id, false, recordingFailed);
            },
          });
    registry.add(call);
    await call.run().catch((err: unknown) => log.error({ err: err instanceof Error ? err : new Error(String(err)) }, 'request-a-call failed'));
  };
}
