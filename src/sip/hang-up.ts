/**
 * Hanging up one dialog, bounded: a BYE whose front end (drachtio-server) is gone
 * can never be answered, and a call's end must not wait on it.
 */
import type Srf from 'drachtio-srf';

/** How long a BYE may take before the call ends without its answer. */
const HANG_UP_MS = 2000;

/** Sends BYE on `dialog` when it is up; settles on its answer, on failure, or after a bound. */
export async function hangUp(dialog: Srf.Dialog | undefined, headers: Record<string, string> = {}): Promise<void> {
  if (!dialog?.connected) return;
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, HANG_UP_MS)));
  try {
    await Promise.race([dialog.destroy({ headers }).then(() => undefined, () => undefined), gaveUp]);
  } catch {
    // the leg is gone already (its connection closed under it): nothing left to tear down
  } finally {
    clearTimeout(timer);
  }
}
