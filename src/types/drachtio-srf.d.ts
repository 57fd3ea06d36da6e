/**
 * What drachtio-srf 5 does but its own typings (lib/@types/index.d.ts) leave out:
 * the shapes below are read from its source (lib/srf.js, lib/dialog.js,
 * lib/response.js, lib/drachtio-agent.js) for the version in package.json.
 */
import 'drachtio-srf';

declare module 'drachtio-srf' {
    /** Options of an in-dialog request (Dialog#request). */
    interface DialogRequestOptions {
      method: SipMethod;
      headers?: SipMessageHeaders;
      body?: string;
    }

    /** A late-offer (3pcc) INVITE answered 200: the far end's offer, and the ACK that completes it. */
    interface LateOfferAnswer {
      sdp: string;
      /** Sends the ACK with our answer; resolves with the established dialog. */
      ack(localSdp: string): Promise<Dialog>;
      /** ACKs and BYEs an answered leg we abandon. */
      destroy(): Promise<void>;
      res: SrfResponse;
    }

    interface CreateUACOptions {
      /** With no localSdp: resolve on 200 with the far end's offer instead of ACKing it. */
      noAck?: boolean;
    }

    interface UacProgress {
      /** drachtio-srf calls it as (err, request) despite its own typings. */
      cbRequest?: (err: unknown, req?: SrfRequest) => void;
      cbProvisional?: (res: SrfResponse) => void;
    }

    interface SrfResponse {
      /**
       * The full form: `onAck` runs when the ACK (for a 200) or PRACK (for a reliable
       * 18x) for this response arrives, with that request.
       */
      send(status: number, reason: string | undefined, opts: object, callback: ((err: unknown, msg: SipMessage) => void) | null, onAck: (req: SrfRequest) => void): void;
      /** 'end': a final response was sent. */
      once(event: 'end', listener: () => void): this;
    }

    interface SrfRequest {
      /** Set by drachtio-srf once the INVITE was cancelled. */
      canceled?: boolean;
      /** Where the request came from (application or network), with its transport. */
      meta?: { source: string; address: string; port: string; protocol: string };
      /** CANCEL an INVITE we sent, with optional headers. */
      cancel(opts: { headers?: SipMessageHeaders }, callback?: (err: unknown, req: SrfRequest) => void): void;
    }

    interface Dialog {
      /** False once the dialog has ended (BYE sent or received). */
      connected: boolean;
      /** Hold the far end's requests until released (set false to replay them). */
      queueRequests: boolean;
      id: string;
      local: { uri: string; sdp: string; contact: string };
      /** The response that made the dialog (a UAC dialog: the far end's 200 OK). */
      res: SrfResponse;
      destroy(opts?: { headers?: SipMessageHeaders }): Promise<SrfRequest>;
      /** A re-INVITE without SDP: resolves with the far end's offer and the ACK to send our answer in. */
      modify(opts: { noAck: true }): Promise<{ sdp: string; ack(sdp: string): void } | string>;
      request(opts: DialogRequestOptions): Promise<SrfResponse>;
      on(messageType: 'ack', callback: (msg: SrfRequest) => void): this;
      on(messageType: 'prack' | 'publish' | 'subscribe', callback: (req: SrfRequest, res: SrfResponse) => void): this;
      once(messageType: 'ack', callback: (msg: SrfRequest) => void): this;
    }

  /**
   * Signatures drachtio-srf's class has at run time but not in its typings. An
   * augmentation cannot reach a class exported with `export =`, so code uses
   * `Srf & SrfRuntime` (see src/sip/srf.ts).
   */
  interface SrfRuntime {
    createUAC(uri: string, opts: CreateUACOptions & { noAck: true }, progress: UacProgress): Promise<Dialog | LateOfferAnswer>;
    createUAC(uri: string, opts: CreateUACOptions, progress: UacProgress): Promise<Dialog>;
    createUAS(req: SrfRequest, res: SrfResponse, opts: { localSdp: string | undefined; headers?: SipMessageHeaders }): Promise<Dialog>;
    use<R extends SrfRequest>(messageType: 'invite', callback: (req: R, res: SrfResponse, next: (err?: unknown) => void) => void): void;
    invite<R extends SrfRequest>(callback: (req: R, res: SrfResponse) => void): void;
    on(event: 'close', listener: () => void): this;
    /** Returns the app itself (not a Promise) when called without a callback on 5.x. */
    connect(config: SrfConfig & { reconnect?: { retryMaxDelay?: number } }): unknown;
  }
}
