// A bounded map that forgets the least recently used entry when full: what keeps the handler's caches
// (task states, opened handles) at a fixed size however many tasks and handles it sees. A Map keeps
// insertion order, so moving an entry to the end on use makes its first key the least recently used.
// An entry still in the newer half is not moved again: a hot key read thousands of times a second would
// otherwise churn the Map (a delete and an insert per read) while being nowhere near eviction.

export interface Lru<K, V> {
  /** The value for `key` (and marks it used), or undefined. */
  get(key: K): V | undefined;
  /** Stores `value`; evicts the least recently used entry when that makes more than `maxEntries`. */
  set(key: K, value: V): void;
  delete(key: K): void;
  readonly size: number;
}

export function createLru<K, V>(maxEntries: number): Lru<K, V> {
  if (!Number.isInteger(maxEntries) || maxEntries < 0) {
    throw new RangeError(`maxEntries must be a whole number ≥ 0, got ${maxEntries}`);
  }
  const entries = new Map<K, { value: V; movedAt: number }>();
  let moves = 0; // entries put at the end so far: at most `moves - movedAt` are newer than an entry
  const putLast = (key: K, value: V) => {
    entries.delete(key);
    entries.set(key, { value, movedAt: ++moves });
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (moves - entry.movedAt >= maxEntries / 2) putLast(key, entry.value);
      return entry.value;
    },
    set(key, value) {
      putLast(key, value);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as K);
    },
    delete(key) {
      entries.delete(key);
    },
    get size() {
      return entries.size;
    },
  };
}
