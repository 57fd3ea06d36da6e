/** Reading a sipp far end that played several parties (request-a-call: both legs go to one trunk address). */
import { digits, messages } from './sip-stack.js';
import type { SippRun } from './sipp.js';

/** What each party's far end received, by the number its INVITE was for. */
export function byParty(run: SippRun | undefined, numbers: string[]): Map<string, string[]> {
  const received = messages(run).filter((m) => /message received/.test(m));
  const callIdOf = (m: string) => /^Call-ID:\s*(\S+)/im.exec(m)?.[1] ?? '';
  const owner = new Map<string, string>();
  for (const m of received) {
    const user = /^INVITE sip:([^@]+)@/m.exec(m)?.[1];
    // A dialog's first INVITE names its party (drachtio starts CSeq anywhere).
    if (user && !owner.has(callIdOf(m))) owner.set(callIdOf(m), numbers.find((n) => digits(n) === digits(user)) ?? user);
  }
  const out = new Map<string, string[]>();
  for (const m of received) {
    const who = owner.get(callIdOf(m));
    if (who) out.set(who, [...(out.get(who) ?? []), m]);
  }
  return out;
}

