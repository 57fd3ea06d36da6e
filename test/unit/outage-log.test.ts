import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger.js';
import { createOutageLog, describeCause, safeUrl } from '../../src/outage-log.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, log: createLogger({ level: 'debug', destination: sink }) };
}

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED', address: '127.0.0.1', port: 6379 });

describe('outage log', () => {
  it('names the code and address of a failed connect', () => {
    expect(describeCause(refused())).toBe('ECONNREFUSED 127.0.0.1:6379');
    expect(describeCause(new Error('connect ETIMEDOUT'))).toBe('ETIMEDOUT');
  });

  it('hides a password in a URL', () => {
    expect(safeUrl('redis://:s3cret@db:6379/0')).toBe('redis://:***@db:6379/0');
    expect(safeUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('says an outage once per interval, however often it is hit, and its end once', () => {
    let t = 0;
    const { lines, log } = capture();
    const o = createOutageLog({ log, what: 'redis', where: 'redis://127.0.0.1:6379', repeatMs: 5000, now: () => t });
    for (t = 0; t < 12_000; t += 100) o.failed(refused());
    const warns = lines.filter((l) => l.level === 'warn');
    expect(warns).toHaveLength(3); // at 0, 5 s and 10 s
    expect(warns[0]?.msg).toBe('redis unreachable at redis://127.0.0.1:6379: ECONNREFUSED 127.0.0.1:6379; retrying');
    o.recovered();
    o.recovered();
    expect(lines.filter((l) => l.level === 'info')).toHaveLength(1);
    expect(o.down).toBe(false);
  });
});
