/**
 * Times every command a Redis connection sends, by wrapping its sendCommand:
 * one hrtime read when the command goes out and one histogram update when it
 * settles, on the API and the call path alike (about a microsecond each).
 */
import type { Redis } from 'ioredis';
import type { Metrics } from './metrics.js';

interface SentCommand {
  name: string;
  args: unknown[];
  promise: Promise<unknown>;
}

// Our scripts are one function library; its name carries a hash of its text.
const SCRIPT_FN = /^masq_[0-9a-f]+_/;

function commandLabel(cmd: SentCommand): string {
  const name = cmd.name.toLowerCase();
  if (name === 'fcall' || name === 'fcall_ro') {
    const fn = cmd.args[0];
    return typeof fn === 'string' ? fn.replace(SCRIPT_FN, '') : name;
  }
  return name;
}

/** Instruments `redis` (named `connection` in the labels); returns it. */
export function instrumentRedis(redis: Redis, metrics: Metrics, connection: 'api' | 'sip'): Redis {
  const send = redis.sendCommand.bind(redis) as (cmd: SentCommand, stream?: unknown) => unknown;
  const errors = metrics.redisErrors.labels(connection);
  // One child per command name: prom-client would otherwise hash the label set on every observation.
  const timers = new Map<string, { observe(v: number): void }>();
  const timer = (command: string) => {
    let t = timers.get(command);
    if (!t) timers.set(command, (t = metrics.redisDuration.labels(connection, command)));
    return t;
  };
  (redis as unknown as { sendCommand: (cmd: SentCommand, stream?: unknown) => unknown }).sendCommand = (cmd, stream) => {
    const started = process.hrtime.bigint();
    const out = send(cmd, stream);
    cmd.promise.then(
      () => timer(commandLabel(cmd)).observe(Number(process.hrtime.bigint() - started) / 1e9),
      () => errors.inc(),
    );
    return out;
  };
  return redis;
}
