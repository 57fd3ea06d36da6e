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

describe('masking what comes from the trunk', () => {
  function capture(level = 'debug') {
    let out = '';
    const log = createLogger({
      level,
      destination: new Writable({
        write(c: Buffer, _e, cb) {
          out += c.toString();
          cb();
        },
      }),
    });
    return { log, out: () => out };
  }

  it('masks child-logger bindings: a Call-ID, a display name, a URI', () => {
    const { log, out } = capture();
    const call = log.child({ sipCallId: '+14155550123-1@carrier', from: '"Bob +1 (415) 555-0124" <sip:1-415-555-0125@h>' });
    call.setBindings({ contact: 'sip:%2B14155550126@10.0.0.1' });
    call.debug('ringing');
    for (const raw of ['14155550123', '415) 555-0124', '1-415-555-0125', '14155550126']) expect(out()).not.toContain(raw);
    expect(out()).toContain('"msg":"ringing"');
  });

  it('masks numbers written with separators, at any depth, and leaves dates and addresses', () => {
    expect(maskNumber('+1 (415) 555-0123')).toBe('+1415*****23');
    expect(maskNumber('tel:+44 20 7183 8750')).toBe('tel:+4420******50');
    expect(maskNumber('2026-11-30T19:48:21Z')).toBe('2026-11-30T19:48:21Z');
    expect(maskNumber('source 192.0.2.10:5060')).toBe('source 192.0.2.10:5060');
    const { log, out } = capture();
    let deep: Record<string, unknown> = { n: '+14155550127' };
    for (let i = 0; i < 15; i++) deep = { d: deep };
    log.debug({ deep, list: [['+14155550128']] }, 'deep');
    expect(out()).not.toContain('14155550127');
    expect(out()).not.toContain('14155550128');
  });
});
