/**
 * `npm run stack`: a local Masq with what this machine has. redis-server (from
 * PATH, data under data/stack/), drachtio-server and FreeSWITCH when their
 * binaries are found (found and started exactly as the tests do it), and Masq
 * wired to them with config/masq.example.json loaded. Prints what runs where and
 * a request to try; Ctrl-C stops everything it started, by PID.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedis, type RedisServer } from '../../test/helpers/redis-server.js';
import { findDrachtio, startDrachtio, type DrachtioServer } from '../../test/helpers/drachtio.js';
import { findFreeSwitch, startFreeSwitch, type FreeSwitch } from '../../test/helpers/freeswitch.js';
import { spawnMasq, type MasqProcess } from '../../test/helpers/masq-process.js';
import { stackSettings } from './settings.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const say = (text: string) => process.stdout.write(`${text}\n`);

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  const s = await stackSettings(root, process.env);
  if (!onPath('redis-server')) {
    say('stack: redis-server is not on PATH. Debian/Ubuntu: apt-get install redis-server (7.0 or newer);');
    say('       or run the whole stack in Docker: docker compose up --build');
    process.exitCode = 1;
    return;
  }
  let redis: RedisServer | undefined;
  let drachtio: DrachtioServer | undefined;
  let media: FreeSwitch | undefined;
  let masq: MasqProcess | undefined;
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      // Masq first (it drains calls and flushes its writes), then what it used.
      await masq?.stop('SIGTERM', 15_000);
      await media?.stop();
      await drachtio?.stop();
      await redis?.shutdown();
    })());
  const onSignal = () =>
    void stopAll().then(() => {
      say('stack: stopped');
      process.exit(process.exitCode ?? 0);
    });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const missing: string[] = [];
  try {
    redis = await startRedis({ persistent: true, port: s.redisPort, dir: join(s.dir, 'redis') });
    const drachtioBin = findDrachtio();
    if (drachtioBin) drachtio = await startDrachtio(drachtioBin, { loglevel: 'warning', adminPort: s.drachtioAdminPort, sipPort: s.sipPort, secret: 'masq-stack-admin-secret' });
    else missing.push('drachtio-server (SIP): not found (DRACHTIO_BIN or drachtio on PATH). No registry carries it: build it as DEVELOPERS.md shows, or use the Docker stack (docker compose up).');
    const fsBin = drachtio ? findFreeSwitch() : undefined;
    if (fsBin) media = await startFreeSwitch(fsBin, { soundsDir: join(root, 'prompts') });
    else if (drachtio) missing.push('FreeSWITCH (announcements, recording): not found (MASQ_TEST_FREESWITCH, freeswitch on PATH or /usr/local/freeswitch/bin). Build it as README "Media" shows, or use the Docker stack. Calls still connect without it.');
    if (!existsSync(join(root, 'prompts', 'build'))) missing.push('built-in prompts: not generated (npm run prompts; needs espeak-ng and sox).');

    const env: Record<string, string> = {
      MASQ_HTTP_PORT: String(s.httpPort),
      MASQ_REDIS_URL: redis.url,
      MASQ_API_KEYS: s.apiKey,
      MASQ_CONFIG_FILE: s.configFile,
      MASQ_PROMPTS_DIR: join(s.dir, 'prompts'),
      MASQ_RECORDINGS_DIR: join(s.dir, 'recordings'),
      MASQ_WEBHOOK_SECRET: `stack-${s.apiKey}`,
      MASQ_LOG_LEVEL: process.env.MASQ_LOG_LEVEL ?? 'info',
      ...(drachtio
        ? { MASQ_SIP_ENABLED: 'true', MASQ_DRACHTIO_PORT: String(drachtio.adminPort), MASQ_DRACHTIO_SECRET: drachtio.secret }
        : { MASQ_SIP_ENABLED: 'false' }),
      ...(media ? { MASQ_MEDIA_SERVERS: media.eventSocket } : {}),
    };
    masq = spawnMasq(env);
    const logFile = join(s.dir, 'masq.log');
    const log = createWriteStream(logFile, { flags: 'a' });
    masq.proc.stdout?.pipe(log);
    masq.proc.stderr?.pipe(log);
    masq.proc.once('exit', (code) => {
      if (!stopping) {
        say(`stack: Masq exited (code ${code}); see ${logFile}. Stopping the rest.`);
        void stopAll().then(() => (process.exitCode = 1));
      }
    });
    const base = `http://127.0.0.1:${s.httpPort}`;
    await waitReady(base, 60_000, () => masq?.proc.exitCode === null);
    await waitPools(base, s.apiKey, s.configFile, 15_000);

    say('');
    say('Masq stack is up:');
    say(`  redis-server      redis://127.0.0.1:${s.redisPort}   data: ${join(s.dir, 'redis')}   pid ${redis.pid() ?? '?'}`);
    if (drachtio) say(`  drachtio-server   SIP sip:127.0.0.1:${drachtio.sipPort} (udp, tcp), admin 127.0.0.1:${drachtio.adminPort}   pid ${drachtio.pid() ?? '?'}`);
    if (media) say(`  FreeSWITCH        event socket 127.0.0.1:${media.eslPort}, SIP 127.0.0.1:${media.sipPort}   pid ${media.pid}`);
    say(`  Masq              API ${base}   logs: ${logFile}   pid ${masq.proc.pid ?? '?'}`);
    say(`                    pools from ${s.configFile}; calls go out to sip:{number}@127.0.0.1:5080`);
    for (const m of missing) say(`  missing: ${m}`);
    say('');
    say('Try:');
    say(`  curl -s -H 'authorization: Bearer ${s.apiKey}' -H 'content-type: application/json' \\`);
    say(`    -d '{"poolId":"us-east","firstParty":"+14155550123","secondParty":"+12125550199"}' ${base}/v1/sessions`);
    say(`  MASQ_API_URL=${base} MASQ_API_KEY=${s.apiKey} npx masq pools list`);
    say(`  open ${base}/docs`);
    say('');
    say('stack: ready; Ctrl-C stops everything.');
  } catch (err) {
    say(`stack: failed to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
    await stopAll();
  }
}

/** The config file's pools are applied once Redis answers: the example request needs them there. */
async function waitPools(base: string, key: string, configFile: string, ms: number): Promise<void> {
  const ids = (JSON.parse(readFileSync(configFile, 'utf8')) as { pools?: { id: string }[] }).pools?.map((p) => p.id) ?? [];
  const until = Date.now() + ms;
  for (const id of ids) {
    while ((await fetch(`${base}/v1/pools/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${key}` } })).status !== 200) {
      if (Date.now() > until) throw new Error(`pool ${id} of ${configFile} not applied in ${ms / 1000} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function waitReady(base: string, ms: number, alive: () => boolean): Promise<void> {
  const until = Date.now() + ms;
  let last = '';
  for (;;) {
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.status === 200) return;
      last = await res.text();
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (!alive()) throw new Error('Masq exited while starting');
    if (Date.now() > until) throw new Error(`Masq not ready in ${ms / 1000} s: ${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

void main();
