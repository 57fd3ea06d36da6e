/** How numbers, times and durations are shown. */

/**
 * A phone number with its middle hidden: the country/area start and the last
 * four digits stay, enough to tell numbers apart without disclosing them.
 *
 * @example maskNumber('+14155550123') // '+1415•••0123'
 */
export function maskNumber(n: string): string {
  if (n.length <= 6) return '•'.repeat(n.length);
  const head = n.length >= 10 ? 5 : 3;
  return `${n.slice(0, head)}•••${n.slice(-4)}`;
}

/** A time of day (or date and time when not today), local. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString() : d.toLocaleString();
}

/** `95` → `1 min 35 s`. */
export function seconds(s: number | null | undefined): string {
  if (s === null || s === undefined) return '—';
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** Milliseconds between two ISO times, or null. */
export function between(a: string | null | undefined, b: string | null | undefined): number | null {
  if (!a || !b) return null;
  return Date.parse(b) - Date.parse(a);
}
