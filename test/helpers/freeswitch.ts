/**
 * A real FreeSWITCH for tests: found through MASQ_TEST_FREESWITCH, PATH or the
 * classic /usr/local/freeswitch layout; started on loopback with free ports and a
 * minimal configuration written here (the modules Masq needs, one SIP profile
 * named drachtio_mrf, an event socket, and a dialplan that hands every call to
 * the application that placed it). When absent, tests skip loudly.
 *
 * Or attaches to servers that run already (the compose test profile's), named
 * by MASQ_TEST_FREESWITCH_ESL=127.0.0.1:8021:<secret>[,…] and configured with
 * freeSwitchConfig() (docker/freeswitch-e2e/). Each start takes one not in use;
 * kill() crashes it through its event socket (`fsctl crash`) and whatever
 * supervises it (Docker's restart policy) brings it back, which the next start
 * waits for. Prompt and recording paths must mean the same on both sides: the
 * compose profile shares /tmp between them.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { eslApi, parseEventSocket, type EventSocketAddress } from './esl.js';
import { freePort } from './ports.js';

const run = promisify(execFile);

/** The servers MASQ_TEST_FREESWITCH_ESL names, or undefined. */
export function attachedFreeSwitches(): EventSocketAddress[] | undefined {
  const named = process.env.MASQ_TEST_FREESWITCH_ESL;
  return named ? named.split(',').map(parseEventSocket) : undefined;
}

/** The freeswitch binary, `attached` when MASQ_TEST_FREESWITCH_ESL names running servers, or undefined. */
export function findFreeSwitch(): string | undefined {
  if (attachedFreeSwitches()) return 'attached';
  const candidates = [
    process.env.MASQ_TEST_FREESWITCH,
    ...(process.env.PATH ?? '').split(':').map((d) => join(d, 'freeswitch')),
    '/usr/local/freeswitch/bin/freeswitch',
  ];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  // A symlink on PATH (/usr/local/bin/freeswitch): fs_cli and mod/ sit beside the real binary.
  return found ? realpathSync(found) : undefined;
}

/** Says once, clearly, what is skipped and why. */
export function freeSwitchSkipNotice(what: string): void {
  console.warn(
    `SKIPPED ${what}: no FreeSWITCH binary (set MASQ_TEST_FREESWITCH or put freeswitch on PATH, or name running servers in MASQ_TEST_FREESWITCH_ESL; see README "Running the media tests").`,
  );
}

export interface FreeSwitch {
  /** Event socket, as MASQ_MEDIA_SERVERS takes it: host:port:secret. */
  eventSocket: string;
  eslPort: number;
  sipPort: number;
  secret: string;
  /** Undefined for an attached server. */
  pid: number | undefined;
  /** Runs an API command through fs_cli and returns its output. */
  api(command: string): Promise<string>;
  /** Channels FreeSWITCH holds now. */
  channels(): Promise<number>;
  /** What it printed and logged lately (MASQ_FS_LOGLEVEL, default warning). */
  output(): string;
  /** Kills it at once (SIGKILL): a media server that dies. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const MODULES = [
  'mod_console', 'mod_logfile', 'mod_event_socket', 'mod_sofia', 'mod_commands', 'mod_dptools',
  'mod_dialplan_xml', 'mod_sndfile', 'mod_native_file', 'mod_tone_stream', 'mod_loopback',
];

export interface FreeSwitchConfigOptions {
  eslPort: number;
  sipPort: number;
  secret: string;
  rtpStart: number;
  rtpEnd: number;
  soundsDir: string;
  /** FreeSWITCH's log level: console and log file (debug adds debug, info and notice to the file). */
  logLevel: string;
}

/**
 * The whole configuration (one freeswitch.xml): everything on 127.0.0.1.
 *
 * @example writeFileSync('conf/freeswitch.xml', freeSwitchConfig({ eslPort: 8021, sipPort: 5080, secret, rtpStart: 20000, rtpEnd: 20399, soundsDir: '/tmp', logLevel: 'warning' }))
 */
export function freeSwitchConfig(o: FreeSwitchConfigOptions): string {
  return `<?xml version="1.0"?>
<document type="freeswitch/xml">
  <X-PRE-PROCESS cmd="set" data="local_ip_v4=127.0.0.1"/>
  <section name="configuration">
    <configuration name="modules.conf"><modules>
      ${MODULES.map((m) => `<load module="${m}"/>`).join('\n      ')}
    </modules></configuration>
    <configuration name="switch.conf"><settings>
      <param name="colorize-console" value="false"/>
      <param name="loglevel" value="${o.logLevel}"/>
      <param name="max-sessions" value="2000"/>
      <param name="sessions-per-second" value="1000"/>
      <param name="rtp-start-port" value="${o.rtpStart}"/>
      <param name="rtp-end-port" value="${o.rtpEnd}"/>
      <param name="dump-cores" value="no"/>
    </settings></configuration>
    <configuration name="console.conf"><mappings><map name="all" value="console,debug,info,notice,warning,err,crit,alert"/></mappings>
      <settings><param name="colorize" value="false"/><param name="loglevel" value="${o.logLevel}"/></settings></configuration>
    <configuration name="logfile.conf"><settings><param name="rotate-on-hup" value="true"/></settings>
      <profiles><profile name="default"><settings><param name="rollover" value="10485760"/></settings>
      <mappings><map name="all" value="${o.logLevel === 'debug' ? 'debug,info,notice,' : ''}warning,err,crit,alert"/></mappings></profile></profiles></configuration>
    <configuration name="event_socket.conf"><settings>
      <param name="nat-map" value="false"/>
      <param name="listen-ip" value="127.0.0.1"/>
      <param name="listen-port" value="${o.eslPort}"/>
      <param name="password" value="${o.secret}"/>
    </settings></configuration>
    <configuration name="sofia.conf">
      <global_settings><param name="log-level" value="0"/></global_settings>
      <profiles><profile name="drachtio_mrf"><settings>
        <param name="user-agent-string" value="masq-media"/>
        <param name="sip-ip" value="127.0.0.1"/>
        <param name="sip-port" value="${o.sipPort}"/>
        <param name="rtp-ip" value="127.0.0.1"/>
        <param name="ext-rtp-ip" value="127.0.0.1"/>
        <param name="ext-sip-ip" value="127.0.0.1"/>
        <param name="context" value="mrf"/>
        <param name="dialplan" value="XML"/>
        <param name="auth-calls" value="false"/>
        <param name="enable-3pcc" value="true"/>
        <param name="inbound-codec-prefs" value="PCMU,PCMA"/>
        <param name="outbound-codec-prefs" value="PCMU,PCMA"/>
        <param name="inbound-codec-negotiation" value="generous"/>
        <param name="rtp-timeout-sec" value="300"/>
        <param name="rtp-timer-name" value="soft"/>
        <param name="dtmf-type" value="rfc2833"/>
        <param name="rfc2833-pt" value="101"/>
        <param name="apply-nat-acl" value=""/>
        <param name="sip-capture" value="no"/>
      </settings></profile></profiles>
    </configuration>
  </section>
  <section name="dialplan">
    <context name="mrf">
      <extension name="to-the-application">
        <condition field="\${sip_h_X-esl-outbound}" expression="^(.+)$">
          <action application="set" data="sound_prefix=${o.soundsDir}"/>
          <action application="answer"/>
          <action application="socket" data="$1 async full"/>
        </condition>
      </extension>
    </context>
  </section>
</document>
`;
}

/**
 * Starts FreeSWITCH on loopback and resolves once its SIP profile runs.
 *
 * @example const fs = await startFreeSwitch(bin); … await fs.stop();
 */
export async function startFreeSwitch(bin: string, opts: { soundsDir?: string; same?: Pick<FreeSwitch, 'eslPort' | 'sipPort' | 'secret'> } = {}): Promise<FreeSwitch> {
  const attached = attachedFreeSwitches();
  if (attached) return attach(attached, opts.same);
  const base = mkdtempSync(join(tmpdir(), 'masq-fs-'));
  for (const d of ['conf', 'log', 'db', 'run', 'temp', 'recordings', 'storage', 'cache']) mkdirSync(join(base, d));
  // `same`: a restart on the ports and secret of an earlier instance (a media server coming back).
  const eslPort = opts.same?.eslPort ?? (await freePort());
  const sipPort = opts.same?.sipPort ?? (await freePort());
  // A block of RTP ports of its own, away from the ephemeral range the OS hands out.
  const rtpStart = 20000 + 2 * Math.floor(Math.random() * 4000);
  const secret = opts.same?.secret ?? `fs-${Math.random().toString(36).slice(2, 12)}`;
  writeFileSync(
    join(base, 'conf', 'freeswitch.xml'),
    freeSwitchConfig({ eslPort, sipPort, secret, rtpStart, rtpEnd: rtpStart + 399, soundsDir: opts.soundsDir ?? base, logLevel: process.env.MASQ_FS_LOGLEVEL ?? 'warning' }),
  );
  // fs_cli and the modules sit beside the real binary, not beside a symlink to it (/usr/local/bin/freeswitch).
  const home = dirname(dirname(realpathSync(bin)));
  const modDir = join(home, 'mod');
  const dirs = ['conf', 'log', 'db', 'run', 'temp', 'recordings', 'storage', 'cache'].flatMap((d) => [`-${d}`, join(base, d)]);
  const child: ChildProcess = spawn(bin, ['-nonat', '-nf', '-nc', '-mod', existsSync(modDir) ? modDir : '/usr/local/freeswitch/mod', ...dirs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr?.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const cli = join(home, 'bin', 'fs_cli');
  const api = async (command: string): Promise<string> => {
    const { stdout } = await run(existsSync(cli) ? cli : 'fs_cli', ['-H', '127.0.0.1', '-P', String(eslPort), '-p', secret, '-x', command], { timeout: 5000 });
    return stdout;
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`freeswitch exited at start:\n${output}`);
    const status = await api('sofia status').catch(() => '');
    if (/drachtio_mrf\s.*RUNNING/.test(status)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`freeswitch not ready within 20 s:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  let stopped = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null) {
      child.kill(signal);
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    if (process.env.MASQ_E2E_DUMP) console.warn(`freeswitch dump: ${base}/log/freeswitch.log`);
    else rmSync(base, { recursive: true, force: true });
  };
  return {
    eventSocket: `127.0.0.1:${eslPort}:${secret}`,
    eslPort,
    sipPort,
    secret,
    pid: child.pid,
    api,
    channels: async () => countChannels(await api('show channels count')),
    output: () => {
      const file = join(base, 'log', 'freeswitch.log');
      return `${output}\n${existsSync(file) ? readFileSync(file, 'utf8').slice(-40_000) : ''}`;
    },
    kill: () => stop('SIGKILL'),
    stop: () => stop('SIGTERM'),
  };
}

const countChannels = (out: string) => Number(/(\d+) total/.exec(out)?.[1] ?? NaN);

/** Event sockets of attached servers that a start of this file holds. */
const inUse = new Set<number>();

/**
 * One of the running servers: the one `same` names, else the first not in use.
 * Resolves once its drachtio_mrf profile runs (it may be coming back from a crash).
 */
async function attach(servers: EventSocketAddress[], same?: Pick<FreeSwitch, 'eslPort'>): Promise<FreeSwitch> {
  const to = same ? servers.find((s) => s.port === same.eslPort) : servers.find((s) => !inUse.has(s.port));
  if (!to) throw new Error(`no attached FreeSWITCH free: MASQ_TEST_FREESWITCH_ESL names ${servers.length}, this test needs more`);
  inUse.add(to.port);
  const api = (command: string) => eslApi(to, command);
  const deadline = Date.now() + 60_000;
  let sipPort: number | undefined;
  for (;;) {
    const status = await api('sofia status').catch(() => '');
    sipPort = Number(/drachtio_mrf\s+profile\s+sip:\S+@[^\s:]+:(\d+)\s+RUNNING/.exec(status)?.[1]) || undefined;
    if (sipPort) break;
    if (Date.now() > deadline) throw new Error(`attached FreeSWITCH ${to.host}:${to.port}: its drachtio_mrf profile is not running after 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    eventSocket: `${to.host}:${to.port}:${to.secret}`,
    eslPort: to.port,
    sipPort,
    secret: to.secret,
    pid: undefined,
    api,
    channels: async () => countChannels(await api('show channels count')),
    output: () => '',
    kill: async () => {
      // abort() inside FreeSWITCH: it dies as from SIGKILL, without answering.
      await api('fsctl crash').catch(() => undefined);
      inUse.delete(to.port);
      const until = Date.now() + 5000;
      while ((await eslApi(to, 'status', 500).then(() => true, () => false)) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    },
    stop: async () => {
      // Left as a fresh one would be for the next file: no channel from this one.
      await api('hupall MANAGER_REQUEST').catch(() => undefined);
      inUse.delete(to.port);
    },
  };
}
