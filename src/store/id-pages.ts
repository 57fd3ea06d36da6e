/**
 * Cursor pagination over time-ordered id indexes (newest first). The cursor is the
 * position of the last entry examined, so pages stay stable while new entries
 * arrive. Filtering happens after loading; one request examines a bounded number
 * of entries, so a sparse filter may return a short page with a nextCursor —
 * keep following it until it is null.
 */
import type { Page } from '../masking/types.js';

/** One index entry: the session id and its position in the index (the cursor). */
export interface IndexEntry {
  id: string;
  pos: string;
}

export interface IdSource {
  /** Up to `count` entries strictly older than position `after` (newest first when undefined). */
  fetch(after: string | undefined, count: number): Promise<IndexEntry[]>;
  /** Drops entries whose record no longer exists (tombstone retention passed). */
  forget(entries: IndexEntry[]): Promise<void>;
  /** Orders positions: positive when `x` is newer than `y`. */
  compare(x: string, y: string): number;
}

const SCAN_BUDGET = 1000;

/** Merges several sources of the same kind into one newest-first source. */
export function mergeDesc(sources: IdSource[], compare: (x: string, y: string) => number): IdSource {
  return {
    compare,
    async fetch(after, count) {
      const lists = await Promise.all(sources.map((s) => s.fetch(after, count)));
      return lists
        .flat()
        .sort((x, y) => compare(y.pos, x.pos))
        .slice(0, count);
    },
    async forget(entries) {
      await Promise.all(sources.map((s) => s.forget(entries)));
    },
  };
}

export interface PageRequest<T> {
  source: IdSource;
  limit: number;
  cursor: string | undefined;
  load(ids: string[]): Promise<(T | undefined)[]>;
  keep(item: T): boolean;
}

/** Builds one page: loads entries in chunks, drops vanished ones, applies the filter. */
export async function idPage<T>(req: PageRequest<T>): Promise<Page<T>> {
  const items: T[] = [];
  let after = req.cursor;
  let examined = 0;
  for (;;) {
    const want = Math.max(1, Math.min(req.limit - items.length + 1, SCAN_BUDGET - examined));
    const entries = await req.source.fetch(after, want);
    if (entries.length === 0) return { items, nextCursor: null };
    const loaded = await req.load(entries.map((e) => e.id));
    const gone: IndexEntry[] = [];
    let full = false;
    for (let i = 0; i < entries.length && !full; i++) {
      const entry = entries[i] as IndexEntry;
      const item = loaded[i];
      if (item === undefined) gone.push(entry);
      else if (req.keep(item)) {
        // One more match than asked for: there is a next page, starting here.
        if (items.length === req.limit) full = true;
        else items.push(item);
      }
      if (!full) {
        examined++;
        after = entry.pos;
      }
    }
    if (gone.length) await req.source.forget(gone);
    if (full) return { items, nextCursor: after ?? null };
    if (entries.length < want) return { items, nextCursor: null };
    if (examined >= SCAN_BUDGET) return { items, nextCursor: after ?? null };
  }
}
