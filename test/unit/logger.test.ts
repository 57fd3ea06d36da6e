import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskNumber } from '../../src/logger.js';

describe('number masking', () => {
  it('keeps the prefix and the last two digits', () => {
    expect(maskNumber('+14155550123')).toBe('+1415*****23');
    expect(maskNumber('from=%2B14155550123&to=12025550100')).toBe('from=%2B1415*****23&to=1202*****00');
  });

  it('leaves ids and short digit runs alone', () => {
    expect(maskNumber('01m83xy1j686tzxn9xvx')).toBe('01m83xy1j686tzxn9xvx');
    expect(maskNumber('session ab12345678cd took 12 ms')).toBe('session ab12345678cd took 12 ms');
    expect(maskNumber('port 5060')).toBe('port 5060');
  });

  it('masks numbers in every field and message of a log line', () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      destination: new Writable({
        write(c: Buffer, _e, cb) {
          lines.push(c.toString());
          cb();
        },
      }),
    });
    log.info({ caller: '+14155550123', nested: { list: ['+442071838750'] }, err: new Error('bad +12025550100') }, 'call from %s', '+4915112345678');
    const out = lines.join('');
    for (const raw of ['14155550123', '442071838750', '12025550100', '4915112345678']) expect(out).not.toContain(raw);
    expect(out).toContain('+1415*****23');
  });
});
