/**
 * Cursor pagination over lexicographic id indexes (newest first). The cursor is
 * the last id examined, so pages stay stable while new entries arrive. Filtering
 * happens after loading; one request examines a bounded number of entries, so a
 * sparse filter may return a short page with a nextCursor — keep following it.
 */
import type { Page } from '../masking/types.js';

export interface IdSource {
  key?: string;
  /** Up to `count` ids strictly older than `after` (or the newest when undefined), newest first. */
  fetch(after: string | undefined, count: number): Promise<string[]>;
  /** Drops ids whose record no longer exists (tombstone retention passed). */
  forget(ids: string[]): Promise<void>;
}

const SCAN_BUDGET = 1000;

/** Merges several sources into one newest-first source. */
export function mergeDesc(sources: IdSource[]): IdSource {
  return {
    async fetch(after, count) {
      const lists = await Promise.all(sources.map((s) => s.fetch(after, count)));
      return lists
        .flat()
        .sort((x, y) => (x < y ? 1 : x > y ? -1 : 0))
        .slice(0, count);
    },
    async forget(ids) {
      await Promise.all(sources.map((s) => s.forget(ids)));
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

/** Builds one page: loads ids in chunks, drops vanished ones, applies the filter. */
export async function idPage<T>(req: PageRequest<T>): Promise<Page<T>> {
  const items: T[] = [];
  let after = req.cursor;
  let examined = 0;
  for (;;) {
    const want = Math.min(req.limit - items.length + 1, SCAN_BUDGET - examined);
    const ids = await req.source.fetch(after, Math.max(want, 1));
    if (ids.length === 0) return { items, nextCursor: null };
    const loaded = await req.load(ids);
    const gone: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as string;
      const item = loaded[i];
      examined++;
      if (item === undefined) gone.push(id);
      else if (req.keep(item)) {
        if (items.length === req.limit) {
          if (gone.length) await req.source.forget(gone);
          return { items, nextCursor: after ?? null };
        }
        items.push(item);
      }
      after = id;
    }
    if (gone.length) await req.source.forget(gone);
    if (ids.length < want) return { items, nextCursor: null };
    if (examined >= SCAN_BUDGET) return { items, nextCursor: after ?? null };
  }
}
