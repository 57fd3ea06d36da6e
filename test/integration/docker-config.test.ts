/**
 * The Docker files, checked without a Docker engine (none is needed to run the
 * test suite): docker-compose.yml parsed and cross-checked, the Dockerfile's
 * stages and COPY sources, .dockerignore, the XML configurations mounted into
 * drachtio-server and FreeSWITCH. Nothing here builds or runs an image; when a
 * `docker compose` CLI is on PATH, its own `config` check runs too.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { XMLValidator } from 'fast-xml-parser';
import { ENV_NAMES } from '../../src/config.js';
import { composeProblems, environment, unknownSettings, type ComposeFile } from '../helpers/compose-file.js';
import { dockerfileProblems, dockerignore, envNamesOf, lastOf, parseDockerfile, repoFile } from '../helpers/docker-files.js';
import { freeSwitchConfig } from '../helpers/freeswitch.js';
import { parseEventSocket } from '../helpers/esl.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const DOCKERFILE = 'docker/Dockerfile';
const read = (p: string) => repoFile(ROOT, p);
const compose = () => parse(read('docker-compose.yml')) as ComposeFile;
const stages = parseDockerfile(read(DOCKERFILE));
const byFile = { [DOCKERFILE]: stages };
const stage = (name: string) => stages.find((s) => s.name === name);

// The Compose Specification's own JSON schema (see test/schemas/README.md); formats
// such as durations are left to the checks below.
const specErrors = (() => {
  const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, validateSchema: false }).compile(JSON.parse(read('test/schemas/compose-spec.json')) as object);
  return (c: unknown) => (validate(c) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`));
})();

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    expect(specErrors(compose())).toEqual([]);
  });

  it('refers only to services, stages, volumes and files that exist, with official pinned images', () => {
    expect(composeProblems(compose(), ROOT, byFile)).toEqual([]);
  });

  it('passes Masq only settings that src/config.ts reads', () => {
    expect(ENV_NAMES).toContain('MASQ_REDIS_URL');
    expect(unknownSettings(compose(), byFile, ENV_NAMES)).toEqual([]);
  });

  it('catches what it should: an unknown setting, an unpinned image, a missing healthcheck, a stage that is not there', () => {
    const c = compose();
    const masq = c.services.masq as NonNullable<ComposeFile['services'][string]>;
    masq.environment = { ...environment(masq), MASQ_NOT_A_SETTING: '1' };
    (c.services.redis as { image: string }).image = 'redis:latest';
    delete c.services.drachtio?.healthcheck;
    (c.services.e2e as { build: { target: string } }).build.target = 'no-such-stage';
    (c.services.freeswitch as Record<string, unknown>).healtcheck = {};
    expect(specErrors(c)).toEqual([expect.stringMatching(/^\/services\/freeswitch must NOT have additional properties .*healtcheck/)]);
    expect(unknownSettings(c, byFile, ENV_NAMES)).toEqual(['masq: MASQ_NOT_A_SETTING is not a setting Masq reads (src/config.ts)']);
    expect(composeProblems(c, ROOT, byFile)).toEqual([
      'redis: redis:latest is not pinned to a tag',
      'masq: waits for drachtio to be healthy, which has no healthcheck',
      'e2e: build.target no-such-stage is no stage of docker/Dockerfile',
    ]);
  });

  it('keeps the stack `docker compose up` starts apart from the test profile', () => {
    const { services } = compose();
    const plain = Object.keys(services).filter((n) => !services[n]?.profiles);
    expect(plain.sort()).toEqual(['drachtio', 'freeswitch', 'masq', 'redis']);
    expect(services.masq?.build?.target).toBe('runtime');
    for (const n of ['redis', 'drachtio', 'freeswitch']) expect(services[n]?.healthcheck, n).toBeDefined();
    expect(services.e2e?.profiles).toEqual(['test']);
    expect(services.e2e?.build?.target).toBe('e2e');
  });

  it('test profile: the runner shares one network namespace with drachtio-server and FreeSWITCH, and a PID namespace with drachtio-server', () => {
    const { services } = compose();
    const pod = services.e2e?.network_mode;
    expect(pod).toMatch(/^service:/);
    const servers = Object.entries(services).filter(([, s]) => /drachtio-(server|freeswitch-mrf)/.test(s.image ?? '') && s.profiles?.includes('test'));
    expect(servers.length).toBeGreaterThanOrEqual(2);
    for (const [name, s] of servers) expect(s.network_mode, name).toBe(pod);
    const drachtio = servers.filter(([, s]) => s.image?.startsWith('drachtio/drachtio-server'));
    expect(drachtio).toHaveLength(1);
    expect(drachtio[0]?.[1].pid).toBe(services.e2e?.pid);
    // Crash tests kill them: something must bring them back.
    for (const [name, s] of servers) expect(s.restart, name).toMatch(/^(on-failure|always|unless-stopped)/);
  });

  it('test profile: the runner attaches to the drachtio-server its profile starts (admin port, secret, SIP and WebSocket contacts)', () => {
    const { services } = compose();
    const env = environment(services.e2e as NonNullable<ComposeFile['services'][string]>);
    const helpers = readdirSync(join(ROOT, 'test/helpers'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => read(`test/helpers/${f}`)).join('\n');
    for (const k of Object.keys(env).filter((k) => k.startsWith('MASQ_TEST_'))) expect(helpers, `${k} read by test/helpers`).toContain(`process.env.${k}`);
    const args = [services['drachtio-e2e']?.command].flat().join(' ');
    const [, port, secret] = /^127\.0\.0\.1:(\d+):(.+)$/.exec(env.MASQ_TEST_DRACHTIO ?? '') ?? [];
    expect(args).toContain(`--port ${port}`);
    expect(args).toContain(`--secret ${secret}`);
    expect(args).toContain(`--contact sip:127.0.0.1:${env.MASQ_TEST_DRACHTIO_SIP_PORT};transport=udp,tcp`);
    expect(args).toContain(`--contact sip:127.0.0.1:${env.MASQ_TEST_DRACHTIO_WS_PORT};transport=ws`);
  });

  it('test profile: each FreeSWITCH runs freeSwitchConfig() for the event socket the runner is given (MASQ_UPDATE_DOCKER_CONFIG=1 rewrites them)', () => {
    const { services } = compose();
    const esl = (environment(services.e2e as NonNullable<ComposeFile['services'][string]>).MASQ_TEST_FREESWITCH_ESL ?? '').split(',').map(parseEventSocket);
    const fs = Object.values(services).filter((s) => s.image?.startsWith('drachtio/drachtio-freeswitch-mrf') && s.profiles?.includes('test'));
    expect(fs).toHaveLength(esl.length);
    fs.forEach((s, i) => {
      const mount = (s.volumes ?? []).find((v): v is string => typeof v === 'string' && v.startsWith('./docker/freeswitch-e2e/')) as string;
      const file = `${mount.split(':')[0]?.replace(/^\.\//, '')}/freeswitch.xml`;
      const to = esl[i] as NonNullable<(typeof esl)[number]>;
      // SIP and RTP ports of their own, clear of what the tests take (ephemeral ports, rtpengine's 20000+, phones' 40000+).
      const want = freeSwitchConfig({ eslPort: to.port, sipPort: 5080 + 2 * i, secret: to.secret, rtpStart: 10_000 + 400 * i, rtpEnd: 10_399 + 400 * i, soundsDir: '/tmp', logLevel: 'warning' });
      if (process.env.MASQ_UPDATE_DOCKER_CONFIG) writeFileSync(join(ROOT, file), want);
      expect(read(file), file).toBe(want);
      expect(JSON.stringify(s.healthcheck?.test)).toContain(`-P ${to.port} -p ${to.secret}`);
    });
  });
});

describe('docker/Dockerfile', () => {
  it('stages refer to earlier stages, base images are official and pinned, COPY sources exist and are in the build context', () => {
    expect(dockerfileProblems(stages, ROOT, dockerignore(read('.dockerignore')))).toEqual([]);
  });

  it('runtime (the default target): production dependencies and dist only, as the node user, with a HEALTHCHECK', () => {
    const runtime = stages.at(-1);
    expect(runtime?.name).toBe('runtime');
    expect(lastOf(runtime!, 'USER')).toBe('node');
    expect(lastOf(runtime!, 'HEALTHCHECK')).toMatch(/CMD \["node", "docker\/healthcheck\.mjs"\]/);
    expect(lastOf(runtime!, 'EXPOSE')).toBe('8080');
    const from = runtime!.instructions.filter((i) => i.cmd === 'COPY' && i.args.includes('--from=')).map((i) => i.args);
    expect(from).toEqual(['--from=prod-deps /app/node_modules ./node_modules', '--from=build /app/dist ./dist', '--from=build /app/prompts ./prompts']);
    expect(stage('prod-deps')?.instructions.some((i) => i.cmd === 'RUN' && i.args.includes('npm ci --omit=dev'))).toBe(true);
    expect(runtime!.instructions.some((i) => i.cmd === 'COPY' && i.args.startsWith('docker/healthcheck.mjs '))).toBe(true);
    for (const k of envNamesOf(runtime!)) expect(ENV_NAMES, `ENV ${k}`).toContain(k);
  });

  it('build speaks the prompts (espeak-ng + sox); e2e has sipp, redis-server and rtpengine', () => {
    const runs = (name: string) => stage(name)?.instructions.filter((i) => i.cmd === 'RUN').map((i) => i.args).join('\n') ?? '';
    expect(runs('build')).toMatch(/espeak-ng sox[\s\S]*npm run build/);
    expect(runs('e2e')).toMatch(/sip-tester redis-server rtpengine-daemon espeak-ng sox/);
  });

  it('.dockerignore keeps node_modules, .git, data and built output out of the context', () => {
    expect(dockerignore(read('.dockerignore'))).toEqual(expect.arrayContaining(['node_modules', '.git', 'data', 'dist', 'prompts/build']));
  });
});

describe('configuration files mounted into the containers', () => {
  const xml = ['docker/drachtio.conf.xml', ...readdirSync(join(ROOT, 'docker/freeswitch')).filter((f) => f.endsWith('.xml')).map((f) => `docker/freeswitch/${f}`), 'docker/freeswitch-e2e/a/freeswitch.xml', 'docker/freeswitch-e2e/b/freeswitch.xml'];
  it.each(xml)('%s is well-formed XML', (file) => {
    expect(XMLValidator.validate(read(file))).toBe(true);
  });

  it('the FreeSWITCH service sets only environment variables its configuration reads', () => {
    const env = environment(compose().services.freeswitch as NonNullable<ComposeFile['services'][string]>);
    for (const k of Object.keys(env)) expect(read('docker/freeswitch/freeswitch.xml'), k).toContain(`$${k}`);
  });
});

// Compose's own `config` check needs no engine either: the docker compose plugin,
// else Debian's docker-compose (1.29). Neither is everywhere (nor on CI): then it skips.
const composeCli = [['docker', 'compose'], ['docker-compose']].find(([bin, ...sub]) => spawnSync(bin as string, [...sub, 'version'], { encoding: 'utf8' }).status === 0);
if (!composeCli) console.warn('\n*** SKIPPED `docker compose config`: neither the docker compose plugin nor docker-compose is on PATH (the checks above ran) ***\n');

describe.skipIf(!composeCli)(`${composeCli?.join(' ')} config`, () => {
  it('accepts the file with the test profile', () => {
    const [bin, ...sub] = composeCli as string[];
    const env = { ...process.env, MASQ_API_KEYS: 'k'.repeat(24), MASQ_DRACHTIO_SECRET: 's'.repeat(16), MASQ_MEDIA_SECRET: 'm'.repeat(16) };
    const r = spawnSync(bin as string, [...sub, '--profile', 'test', 'config', '--quiet'], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});
