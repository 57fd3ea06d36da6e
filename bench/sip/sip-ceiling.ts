/**
 * The ceiling: Masq's own SIP side (the same runtime, INVITE middleware chain,
 * CallSession with header and SDP hygiene, timers, per-call logger at info) with
 * no Redis behind it — routing answers from the numbers themselves and call
 * records go nowhere. Not a product and not a test: it measures how close to the
 * bare B2BUA Masq's calls could get if Redis cost nothing. Configured by the same
 * MASQ_* environment as Masq. Usage (forked by run.ts):
 *   tsx bench/sip/sip-ceiling.ts
 */
import { loadConfig } from '../../src/config.js';
import { CallEvents } from '../../src/sip/call-events.js';
import { createLogger } from '../../src/logger.js';
import type { Resolver } from '../../src/masking/resolve.js';
import { FrontEnds } from '../../src/sip/front-ends.js';
import { createSipRuntime } from '../../src/sip/runtime.js';
import type { CallStore } from '../../src/store/calls.js';

const config = loadConfig();
const log = createLogger({ level: config.logLevel });
// run.ts's callers are +1415… and each one's other party the +1212… number with the same digits.
const resolver: Resolver = {
  async resolve(from, to) {
    return { sessionId: 'S0000000000000000000000', status: 'open', target: from.replace(/^\+1415/, '+1212'), callerId: to, direction: 'first-to-second', recorded: true };
  },
};
const calls = { start: async () => undefined, update: async () => undefined } as unknown as CallStore;
const sip = createSipRuntime({
  config: config.sip,
  frontEnds: new FrontEnds(config.sip.drachtio, log.child({ component: 'sip' })),
  resolver,
  calls,
  events: new CallEvents(),
  log: log.child({ component: 'sip' }),
  isVirtualNumber: async () => true,
  claimNonce: async () => true,
});
sip.start();
const waitAttached = setInterval(() => {
  sip.ready().then(
    () => {
      clearInterval(waitAttached);
      process.send?.('ready');
    },
    () => undefined,
  );
}, 50);
process.on('SIGTERM', () => {
  void sip.stop().then(() => process.exit(0));
});
