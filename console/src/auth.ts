/**
 * The API key lives in sessionStorage only: it goes with the tab, never to disk
 * beyond the browser session, and signing out removes it.
 */
const KEY = 'masq.apiKey';

/** The key this tab signed in with, if any. */
export function getKey(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setKey(key: string): void {
  sessionStorage.setItem(KEY, key);
}

/** Signs out: forgets the key. */
export function clearKey(): void {
  sessionStorage.removeItem(KEY);
}
