// A memo that forgets everything once what it keeps passes its budget. The caches of a batch
// (deflated streams and zip parts, a table's XML, compiled templates, gw blocks, word
// segmentations, cell lines) keep values that are pure functions of their keys; starting again
// empty bounds their memory without the bookkeeping of an LRU, and a batch's repeated values
// come back within a document or two.

export class BoundedMemo<K, V> {
  private readonly kept = new Map<K, V>();
  private used = 0;

  /** `budget`: what may be kept, in the unit of `set`'s weights (entries, by default). */
  constructor(private readonly budget: number) {}

  get(key: K): V | undefined {
    return this.kept.get(key);
  }

  /** Keeps `value` weighing `weight`; past the budget the memo starts again empty first. */
  set(key: K, value: V, weight = 1): V {
    if (this.used + weight > this.budget) {
      this.kept.clear();
      this.used = 0;
    }
    this.kept.set(key, value);
    this.used += weight;
    return value;
  }
}
