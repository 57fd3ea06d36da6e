/** A small read-through cache: each key's value is fetched at most once per `ttlMs` (concurrent reads share the fetch). */
export class TtlCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly fetch: (key: string) => Promise<V>,
  ) {}

  /** The cached value, or a fresh fetch when older than the TTL; a failed fetch is not kept. */
  get(key: string): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = this.fetch(key);
    this.entries.set(key, { at: now, value });
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > 10_000) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
