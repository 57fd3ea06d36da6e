/**
 * The SIP side: attaches to drachtio-server (outbound connection, reconnecting
 * with backoff), runs the INVITE middleware chain and one CallSession per call,
 * and drains on shutdown. The API keeps working while SIP is down; /readyz says so.
 */
import Srf from 'drachtio-srf';
import type { CountryCode } from 'libphonenumber-js';
import type { SipConfig } from '../config.js';
import type { CallEvents } from '../events/call-events.js';
import type { Logger } from '../logger.js';
import type { Resolver } from '../masking/resolve.js';
import type { CallStore } from '../store/calls.js';
import { CallSession } from './call-session.js';
import { sourceAcl } from './middleware/acl.js';
import { refuseWhileDraining } from './middleware/draining.js';
import { initContext } from './middleware/init-context.js';
import { parseNumbers } from './middleware/parse-numbers.js';
import { resolveSession } from './middleware/resolve-session.js';
import { trunkAuth } from './middleware/trunk-auth.js';
import type { CallRequest, InviteMiddleware } from './middleware/types.js';
import { CallRegistry } from './registry.js';
import { rejectWithStatus, type RejectCall } from './reject-call.js';
import type { RoutingCallback } from '../events/routing-callback.js';

export interface SipRuntime {
  readonly registry: CallRegistry;
  start(): void;
  /** Rejects while not attached to drachtio-server. */
  ready(): Promise<void>;
  /** Refuses new calls, lets live ones run up to the drain timeout, then ends them. */
  stop(): Promise<void>;
}

export interface SipDeps {
  config: SipConfig;
  defaultRegion: CountryCode;
  resolver: Resolver;
  calls: CallStore;
  events: CallEvents;
  log: Logger;
  /** How unroutable calls are turned away (default: SIP status only; media may play a prompt). */
  rejectCall?: RejectCall;
  /** The customer's out-of-session routing callback, when configured. */
  routing?: RoutingCallback;
  isVirtualNumber(e164: string): Promise<boolean>;
}

type SrfMiddleware = Parameters<Srf['use']>[1];

export function createSipRuntime(deps: SipDeps): SipRuntime {
  const { config, log } = deps;
  const srf = new Srf();
  const registry = new CallRegistry();
  let attached = false;
  let draining = false;
  let stopping: Promise<void> | undefined;

  srf.on('connect', (err, hostport) => {
    if (err) return;
    attached = true;
    log.info({ hostport }, 'attached to drachtio-server');
  });
  srf.on('error', (err) => {
    if (attached) log.warn({ err }, 'drachtio connection error');
    attached = false;
  });
  (srf as unknown as NodeJS.EventEmitter).on('close', () => {
    if (attached) log.warn('drachtio connection lost; reconnecting');
    attached = false;
  });

  const chain: InviteMiddleware[] = [
    initContext(log),
    refuseWhileDraining(() => draining),
    sourceAcl(config.trunk.allow),
    ...(config.trunk.auth ? [trunkAuth(config.trunk.auth)] : []),
    parseNumbers(config.trunk, config.trunk.numbers),
    resolveSession({
      resolver: deps.resolver,
      calls: deps.calls,
      rejectCall: deps.rejectCall ?? rejectWithStatus,
      isVirtualNumber: deps.isVirtualNumber,
      ...(deps.routing ? { routing: deps.routing } : {}),
    }),
  ];
  for (const step of chain) srf.use('invite', step as unknown as SrfMiddleware);

  srf.invite((req, res) => {
    const call = new CallSession(req as CallRequest, res, {
      srf,
      calls: deps.calls,
      events: deps.events,
      trunk: config.trunk,
      ringTimeoutS: config.ringTimeoutS,
      callTimeLimitS: config.callTimeLimitS,
      onEnd: (c) => registry.remove(c),
    });
    registry.add(call);
    call.run().catch((err: unknown) => (req as CallRequest).locals.log.error({ err }, 'call failed'));
  });

  return {
    registry,
    start() {
      const { host, port, secret } = config.drachtio;
      log.info({ host, port }, 'connecting to drachtio-server');
      // Attach state comes from the 'connect'/'close' events; drachtio-srf retries by itself.
      (srf.connect as (o: object) => unknown)({ host, port, secret, reconnect: { retryMaxDelay: 2000 } });
    },
    async ready() {
      if (!attached) throw new Error('not attached to drachtio-server');
    },
    stop() {
      stopping ??= (async () => {
        draining = true;
        if (registry.size > 0) {
          log.info({ calls: registry.size, timeoutS: config.drainTimeoutS }, 'draining live calls');
          const emptied = await registry.emptied(config.drainTimeoutS * 1000);
          if (!emptied) {
            log.info({ calls: registry.size }, 'drain timeout: ending remaining calls');
            await Promise.all(registry.all().map((c) => c.shutdown()));
          }
        }
        srf.disconnect();
        attached = false;
      })();
      return stopping;
    },
  };
}
