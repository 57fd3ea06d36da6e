/**
 * A Redis Sentinel deployment on loopback for a test file: a primary, a replica
 * of it and three sentinels watching them, each on a free port, all ended by
 * their own PIDs afterwards. The primary can be killed to make the sentinels
 * fail over to the replica.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './ports.js';
import { startRedis, waitReady, type RedisServer, type StartRedisOptions } from './redis-server.js';
import { redisTlsArgs, type TestCerts } from './tls-certs.js';

export interface SentinelSet {
  /** The master's name in the sentinels' configuration. */
  readonly name: string;
  readonly primary: RedisServer;
  readonly replica: RedisServer;
  readonly sentinelPorts: readonly number[];
  /** The sentinels as MASQ_REDIS_SENTINELS wants them. */
  readonly addresses: string;
  /** Their TLS ports, the same way (with `tls`; the sentinels then name the data nodes' TLS ports). */
  readonly tlsAddresses: string;
  /** The master's port as a sentinel sees it now (its TLS port with `tls`). */
  masterPort(): Promise<number>;
  /** Waits until every sentinel names a master other than `port` (a failover happened). */
  waitFailover(port: number, ms: number): Promise<number>;
  /** A client on whatever node the sentinels call the master now. */
  masterClient(): Promise<Redis>;
  stop(): Promise<void>;
}

export interface StartSentinelsOptions {
  name?: string;
  /** Password of the data nodes (requirepass and masterauth; the sentinels' auth-pass). */
  password?: string;
  /** The sentinels' own requirepass. */
  sentinelPassword?: string;
  /** Data nodes' AOF fsync policy (AOF is on). */
  appendfsync?: StartRedisOptions['appendfsync'];
  /** Every node and sentinel also listens with TLS; replication, monitoring and what the sentinels announce go over it. */
  tls?: TestCerts;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** redis-server's TLS arguments as sentinel.conf lines. */
function tlsConf(certs: TestCerts, tlsPort: number): string[] {
  const a = redisTlsArgs(certs, tlsPort);
  const lines: string[] = [];
  for (let i = 0; i + 1 < a.length; i += 2) lines.push(`${(a[i] as string).replace(/^--/, '')} ${a[i + 1] as string}`);
  return lines;
}

/** SENTINEL MASTER's flat reply as an object. */
function pairs(reply: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const a = reply as string[];
  for (let i = 0; i + 1 < a.length; i += 2) out[a[i] as string] = a[i + 1] as string;
  return out;
}

/**
 * Starts the primary, its replica and three sentinels (quorum 2, down after
 * 1 s, failover timeout 5 s), and waits until the replica is in sync and every
 * sentinel knows the replica and the two other sentinels.
 */
export async function startSentinels(opts: StartSentinelsOptions = {}): Promise<SentinelSet> {
  const name = opts.name ?? 'mymaster';
  const data: StartRedisOptions = { persistent: true, appendfsync: opts.appendfsync ?? 'everysec', ...(opts.password ? { password: opts.password } : {}), ...(opts.tls ? { tls: opts.tls } : {}) };
  const primary = await startRedis(data);
  // The port others reach a data node on: its TLS one when there is one.
  const reach = (r: RedisServer) => r.tlsPort ?? r.port;
  const replica = await startRedis({ ...data, args: ['--replicaof', '127.0.0.1', String(reach(primary))] });
  const dir = mkdtempSync(join(tmpdir(), 'masq-sentinel-'));
  const procs: ChildProcess[] = [];
  const clients: Redis[] = [];
  const ports: number[] = [];
  const tlsPorts: number[] = [];
  const sentinelClient = (port: number): Redis => {
    const c = new Redis({ port, host: '127.0.0.1', ...(opts.sentinelPassword ? { password: opts.sentinelPassword } : {}), maxRetriesPerRequest: 1 });
    c.on('error', () => undefined);
    clients.push(c);
    return c;
  };

  const set: SentinelSet = {
    name,
    primary,
    replica,
    sentinelPorts: ports,
    get addresses() {
      return ports.map((p) => `127.0.0.1:${p}`).join(',');
    },
    get tlsAddresses() {
      return tlsPorts.map((p) => `127.0.0.1:${p}`).join(',');
    },
    async masterPort() {
      const reply = (await sentinelClient(ports[0] as number).call('SENTINEL', 'get-master-addr-by-name', name)) as [string, string];
      return Number(reply[1]);
    },
    async waitFailover(port, ms) {
      const until = Date.now() + ms;
      const asks = ports.map((p) => sentinelClient(p));
      for (;;) {
        const seen = await Promise.all(
          asks.map((c) => (c.call('SENTINEL', 'get-master-addr-by-name', name) as Promise<[string, string]>).then((r) => Number(r[1]), () => port)),
        );
        if (seen.every((p) => p !== port && p === seen[0])) return seen[0] as number;
        if (Date.now() > until) throw new Error(`no failover from ${port} in ${ms} ms (sentinels say ${seen.join(', ')})`);
        await sleep(100);
      }
    },
    async masterClient() {
      const reached = await set.masterPort();
      // The test's own client goes to the plain port of the node the sentinels named.
      const port = [primary, replica].find((r) => reach(r) === reached)?.port ?? reached;
      const c = new Redis({ port, host: '127.0.0.1', ...(opts.password ? { password: opts.password } : {}), maxRetriesPerRequest: 1 });
      c.on('error', () => undefined);
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients) c.disconnect();
      await Promise.all(
        procs.map(
          (p) =>
            new Promise<void>((resolve) => {
              if (p.exitCode !== null || p.signalCode !== null) return resolve();
              p.once('exit', () => resolve());
              p.kill('SIGKILL');
            }),
        ),
      );
      await replica.stop();
      await primary.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };

  try {
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const tlsPort = opts.tls ? await freePort() : undefined;
      const conf = join(dir, `sentinel-${port}.conf`);
      // Sentinel rewrites its own file (what it learnt about replicas, peers, epochs).
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `logfile ${join(dir, `sentinel-${port}.log`)}`,
          ...(opts.sentinelPassword ? [`requirepass ${opts.sentinelPassword}`] : []),
          ...(opts.tls && tlsPort ? tlsConf(opts.tls, tlsPort) : []),
          `sentinel monitor ${name} 127.0.0.1 ${reach(primary)} 2`,
          ...(opts.password ? [`sentinel auth-pass ${name} ${opts.password}`] : []),
          `sentinel down-after-milliseconds ${name} 1000`,
          `sentinel failover-timeout ${name} 5000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      procs.push(spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' }));
      ports.push(port);
      if (tlsPort) tlsPorts.push(tlsPort);
      await waitReady(port, 5000, opts.sentinelPassword);
    }
    // The replica in sync, and each sentinel aware of it and of its two peers
    // (they find each other through hello messages, every 2 s): only then can a
    // failover happen.
    const until = Date.now() + 30_000;
    const asks = ports.map((p) => sentinelClient(p));
    const replicaDb = replica.client();
    for (;;) {
      const masters = await Promise.all(asks.map((c) => c.call('SENTINEL', 'MASTER', name).then(pairs, (): Record<string, string> => ({}))));
      const synced = /master_link_status:up/.test(await replicaDb.info('replication').catch(() => ''));
      if (synced && masters.every((m) => Number(m['num-other-sentinels']) >= 2 && Number(m['num-slaves']) >= 1)) break;
      if (Date.now() > until) throw new Error(`sentinels not ready: ${JSON.stringify(masters)}`);
      await sleep(200);
    }
  } catch (err) {
    await set.stop();
    throw err;
  }
  return set;
}
