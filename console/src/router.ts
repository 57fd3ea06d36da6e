/**
 * Hash routing: `#/sessions/s_…`. Only ids ever go in the address; searches by
 * phone number stay in page state, so no number lands in history or a log.
 */
import { useEffect, useState } from 'react';

export interface Location {
  /** Path segments: `#/pools/eu` → ['pools', 'eu']. */
  parts: string[];
}

const read = (): Location => ({
  parts: location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent),
});

/** The current location; re-renders on navigation. */
export function useLocation(): Location {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const on = () => setLoc(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return loc;
}

/** The href of a console page. */
export function href(...parts: string[]): string {
  return `#/${parts.map(encodeURIComponent).join('/')}`;
}

/** Goes to a console page. */
export function navigate(...parts: string[]): void {
  location.hash = href(...parts);
}
