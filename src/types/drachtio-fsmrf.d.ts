/**
 * The part of drachtio-fsmrf 4.1 (plain JavaScript, no typings) that Masq uses:
 * connecting to FreeSWITCH's event socket, endpoints, playback, bridging.
 */
declare module 'drachtio-fsmrf' {
  import type { EventEmitter } from 'node:events';
  import type Srf from 'drachtio-srf';

  namespace Mrf {
    interface ConnectOptions {
      address: string;
      port?: number;
      secret?: string;
      /** Where FreeSWITCH connects back to (outbound event socket). */
      listenAddress?: string;
      listenPort?: number;
      advertisedAddress?: string;
      advertisedPort?: number;
      profile?: string;
    }

    interface EslEvent {
      getHeader(name: string): string | undefined;
      getBody(): string;
    }

    interface PlayResult {
      playbackSeconds?: string;
      playbackMilliseconds?: string;
    }

    interface Endpoint extends EventEmitter {
      readonly uuid: string;
      readonly local: { sdp: string; mediaIp?: string; mediaPort?: string };
      readonly remote: { sdp: string; mediaIp?: string; mediaPort?: string };
      readonly connected: boolean;
      readonly dialog: Srf.Dialog;
      play(file: string | string[]): Promise<PlayResult>;
      execute(app: string, arg?: string): Promise<EslEvent>;
      /** Runs an application without waiting for it to finish. */
      executeAsync(app: string, arg: string, cb?: (evt: EslEvent) => void): unknown;
      api(command: string, args?: string | string[]): Promise<EslEvent>;
      /** Re-INVITEs FreeSWITCH with a new remote SDP. */
      modify(sdp: string): Promise<unknown>;
      bridge(other: Endpoint | string): Promise<void>;
      unbridge(): Promise<void>;
      destroy(): Promise<void>;
      on(event: 'destroy', listener: (info?: { reason?: string }) => void): this;
      on(event: 'dtmf', listener: (evt: { dtmf: string; duration: string }) => void): this;
      on(event: string, listener: (...args: unknown[]) => void): this;
    }

    interface EndpointOptions {
      remoteSdp?: string;
      codecs?: string | string[];
      headers?: Record<string, string>;
    }

    interface MediaServer extends EventEmitter {
      readonly address: string;
      currentSessions: number;
      maxSessions: number;
      connected(): boolean;
      createEndpoint(opts?: EndpointOptions): Promise<Endpoint>;
      api(command: string): Promise<string>;
      disconnect(): void;
      on(event: 'end', listener: () => void): this;
      on(event: 'error', listener: (err: Error) => void): this;
      on(event: string, listener: (...args: unknown[]) => void): this;
    }
  }

  class Mrf extends EventEmitter {
    constructor(srf: Srf, opts?: { customEvents?: string[] });
    connect(opts: Mrf.ConnectOptions): Promise<Mrf.MediaServer>;
  }

  export = Mrf;
}
