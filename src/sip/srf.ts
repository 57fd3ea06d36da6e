/** drachtio-srf's application object, typed with what it really offers (src/types/drachtio-srf.d.ts). */
import Srf from 'drachtio-srf';
import type { Socket } from 'node:net';

export type SipServer = Srf & Srf.SrfRuntime;

/** A new, unattached drachtio-srf application. */
export function createSrf(): SipServer {
  return new Srf() as SipServer;
}

/**
 * The parts of drachtio-srf's outbound connection (lib/proto.js → lib/drachtio-agent.js
 * → lib/wire-protocol.js) that detaching needs; none of them is in its typings.
 */
interface WireProtocolInternals {
  closing?: boolean;
  socket?: Socket;
  reconnectVars?: { retryTimer?: NodeJS.Timeout | null };
}
interface SrfInternals {
  _app?: { client?: { wp?: WireProtocolInternals; mapServer?: Map<unknown, unknown> } };
}

/**
 * Ends the connection to drachtio-server, attached or not. drachtio-srf's own
 * `disconnect()` asserts that a socket is attached (an AssertionError at shutdown
 * when drachtio-server was never reached) and leaves its reconnect timer running;
 * here a never-attached application just stops trying.
 */
export function detachSrf(srf: SipServer): void {
  const client = (srf as unknown as SrfInternals)._app?.client;
  if (!client) return; // never asked to connect
  if (client.mapServer && client.mapServer.size > 0) {
    srf.disconnect();
    return;
  }
  const wp = client.wp;
  if (!wp) return;
  wp.closing = true;
  if (wp.reconnectVars?.retryTimer) clearTimeout(wp.reconnectVars.retryTimer);
  if (wp.reconnectVars) wp.reconnectVars.retryTimer = null;
  wp.socket?.destroy();
}
