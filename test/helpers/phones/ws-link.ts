/**
 * One WebSocket connection to drachtio-server, shared by several sip.js user
 * agents (one per phone number).
 *
 * Why shared: Masq reaches every callee through one URI template
 * (MASQ_TRUNK_OUTBOUND_URI), so every callee must be behind one address. The
 * template points at this connection's own address
 * (`sip:{number}@127.0.0.1:<localPort>;transport=ws`), and drachtio-server sends
 * the INVITE down this open connection (its log says `send … to
 * ws/[127.0.0.1]:<localPort>`): its SIP stack (sofia-sip's tport) reuses an open
 * connection to that protocol, host and port rather than dialling one. In-dialog
 * requests to a phone's Contact (`sip:phone1@phone1.invalid;transport=ws`, an
 * RFC 7118 address nobody could dial) come down the same connection too.
 *
 * Why several user agents: sip.js answers 404 to any request whose Request-URI
 * user is not its own AOR or Contact user, so one agent can be one number only.
 * The link routes what arrives: a request by its Request-URI user (a new call to
 * the number; an in-dialog request to the agent's Contact user), a response by its
 * top Via host (each agent writes its own). A request for a number no phone has
 * gets a stateless 404 here.
 *
 * Every message is recorded on the phone that sent or received it, as it
 * crossed the socket.
 */
import WebSocket from 'ws';
import { EmitterImpl, TransportState, type Transport } from 'sip.js';
import { header, parseSipMessage, type SipMessage } from './sip-message.js';

/** How the link recognises one agent's traffic. */
export interface LinkRoute {
  /** Request-URI users that belong to the agent (its number and its Contact user). */
  users: string[];
  /** The host the agent writes in its Via (sip.js's `viaHost`). */
  viaHost: string;
  /** Receives every message the agent sent or was given. */
  record(m: SipMessage): void;
}

const viaHost = (via: string | undefined) => /^SIP\/2\.0\/\S+\s+([^;:\s]+)/i.exec(via ?? '')?.[1]?.toLowerCase();
const ruriUser = (startLine: string) => /^\S+\s+sips?:([^@;>\s]+)@/i.exec(startLine)?.[1];

/** The shared connection. Open it with `SipLink.open`, hand it to each phone's transport. */
export class SipLink {
  private readonly routes = new Map<LinkTransport, LinkRoute>();
  /** Messages that belonged to no phone (and the 404s answering them). */
  readonly unrouted: SipMessage[] = [];

  private constructor(
    private readonly ws: WebSocket,
    /** This end's port: the one to put in the trunk URI so drachtio reuses the connection. */
    readonly localPort: number,
  ) {
    ws.on('message', (data: WebSocket.RawData) => this.receive(data.toString()));
  }

  /** Connects to `ws://127.0.0.1:<port>` with the `sip` subprotocol (RFC 7118). */
  static async open(url: string): Promise<SipLink> {
    const ws = new WebSocket(url, 'sip');
    let port: number | undefined;
    // The upgrade response's socket is the connection itself: its local port is ours.
    ws.once('upgrade', (res) => (port = res.socket.localPort));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    if (!port) throw new Error('the WebSocket has no local port');
    return new SipLink(ws, port);
  }

  /** Starts routing an agent's traffic to its transport (on connect). */
  attach(t: LinkTransport, route: LinkRoute): void {
    this.routes.set(t, route);
  }

  /** Stops routing to it (on disconnect); its messages then go unrouted. */
  detach(t: LinkTransport): void {
    this.routes.delete(t);
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Records a message on the sending agent and writes it to the socket. */
  send(from: LinkTransport, raw: string): Promise<void> {
    this.routes.get(from)?.record(parseSipMessage(raw, 'sent'));
    return new Promise((resolve, reject) => this.ws.send(raw, (err) => (err ? reject(err) : resolve())));
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  private receive(raw: string): void {
    // A keep-alive (CRLF) carries no message.
    if (!raw.trim()) return;
    const m = parseSipMessage(raw, 'received');
    const entry = [...this.routes].find(([, r]) =>
      m.status === undefined ? r.users.includes(ruriUser(m.startLine) ?? '') : r.viaHost.toLowerCase() === viaHost(header(m, 'Via')),
    );
    if (!entry) {
      this.unrouted.push(m);
      if (m.status === undefined && m.method !== 'ACK') this.notFound(m);
      return;
    }
    entry[1].record(m);
    entry[0].onMessage?.(raw);
  }

  private notFound(m: SipMessage): void {
    const copy = ['Via', 'From', 'To', 'Call-ID', 'CSeq'].flatMap((n) => m.headers.filter(([h]) => h.toLowerCase() === n.toLowerCase()).map(([h, v]) => `${h}: ${h.toLowerCase() === 'to' && !/;tag=/.test(v) ? `${v};tag=nophone` : v}`));
    const raw = ['SIP/2.0 404 Not Found', ...copy, 'Content-Length: 0', '', ''].join('\r\n');
    this.unrouted.push(parseSipMessage(raw, 'sent'));
    this.ws.send(raw);
  }
}

/** What a phone passes to its user agent as `transportOptions`. */
export interface LinkTransportOptions {
  link: SipLink;
  route: LinkRoute;
}

/**
 * sip.js's Transport over a SipLink. The user agent constructs it
 * (`transportConstructor`); connecting attaches it to the link.
 */
export class LinkTransport implements Transport {
  readonly protocol = 'WS';
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  private readonly emitter = new EmitterImpl<TransportState>();
  private current: TransportState = TransportState.Disconnected;
  private readonly link: SipLink;
  private readonly route: LinkRoute;

  constructor(_logger: unknown, options: LinkTransportOptions) {
    this.link = options.link;
    this.route = options.route;
  }

  get state(): TransportState {
    return this.current;
  }

  get stateChange(): EmitterImpl<TransportState> {
    return this.emitter;
  }

  connect(): Promise<void> {
    if (!this.link.open) return Promise.reject(new Error('the phone bank is closed'));
    this.link.attach(this, this.route);
    this.set(TransportState.Connected);
    this.onConnect?.();
    return Promise.resolve();
  }

  disconnect(): Promise<void> {
    this.link.detach(this);
    if (this.current !== TransportState.Disconnected) {
      this.set(TransportState.Disconnected);
      this.onDisconnect?.();
    }
    return Promise.resolve();
  }

  dispose(): Promise<void> {
    return this.disconnect();
  }

  isConnected(): boolean {
    return this.current === TransportState.Connected;
  }

  send(message: string): Promise<void> {
    if (!this.isConnected()) return Promise.reject(new Error('not connected'));
    return this.link.send(this, message);
  }

  private set(s: TransportState): void {
    this.current = s;
    this.emitter.emit(s);
  }
}
