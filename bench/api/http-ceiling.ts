/**
 * The ceiling: Masq's own HTTP layer (the same createHttpApp, auth, request log at
 * info, validation, libphonenumber, serialisation) over an in-memory stand-in for
 * the store, so no Redis at all. Not a product and not a test: it measures how
 * close to the bare route Masq's routes could get if Redis cost nothing. Usage:
 *   tsx bench/api/http-ceiling.ts <port> <api key>
 */
import { createCallRequester } from '../../src/sip/request-a-call.js';
import { createHttpApp } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import type { Resolver } from '../../src/masking/resolve.js';
import type { Route, Session } from '../../src/masking/types.js';
import type { CreateSessionInput } from '../../src/store/sessions.js';
import type { Store } from '../../src/store/index.js';
import { newSessionId } from '../../src/masking/ids.js';

const [port, key] = process.argv.slice(2);
let n = 0;
const virtual = () => `+1202555${String(1000 + (n++ % 9000))}`;

const sessions = {
  // What the real store returns after its script: the session as created.
  async create(input: CreateSessionInput): Promise<Session> {
    const now = Date.now();
    const va = virtual();
    return {
      id: newSessionId(),
      status: 'open',
      poolId: input.poolId,
      mode: input.mode,
      firstParty: { number: input.firstParty.e164, proxyNumber: va },
      secondParty: { number: input.secondParty.e164, proxyNumber: input.mode === 'per-participant' ? virtual() : va },
      createdAt: now,
      expiresAt: now + input.ttlSeconds * 1000,
      updatedAt: null,
      endedAt: null,
      ...input.options,
      stats: { callCount: 0, totalDurationSeconds: 0, lastCallAt: null, lastInteractionAt: null },
    };
  },
};
const resolver: Resolver = {
  async resolve(from: string, to: string): Promise<Route> {
    return { sessionId: 'S0000000000000000000000', status: 'open', target: from, callerId: to, direction: 'first-to-second' };
  },
};

const app = createHttpApp({
  // No SIP here: request-a-call answers 503 (this bench never asks for one).
  calls: createCallRequester({ sessions: { get: async () => undefined }, calls: {} as Store['calls'], sip: undefined, ringTimeoutS: 60, callTimeLimitS: 3600 }),
  store: { sessions, ping: async () => undefined } as unknown as Store,
  resolver,
  log: createLogger({ level: 'info' }),
  apiKeys: [key as string],
  insecureNoAuth: false,
  defaultRegion: 'US',
  ttlDefaultS: 14_400,
  ttlMaxS: 86_400,
  version: 'ceiling',
  readiness: {},
  isDraining: () => false,
  activeCalls: () => 0,
});
const server = app.listen(Number(port), '127.0.0.1');
server.keepAliveTimeout = 65_000;
process.on('SIGTERM', () => server.close(() => process.exit(0)));
