// Handles this handler has already opened, so a page reading its task again skips the AES-GCM decrypt.
// It weakens nothing: only handles that opened (authentic, sealed with this handler's secret, for that
// owner) are kept, failures always go through the decrypt again, and a kept handle answers only for the
// owner it opened for: the same answer the decrypt would give, as the owner is part of the sealed data.
import { createLru } from './lru.js';

export type OpenHandle<T> = (handle: string, owner: string) => Promise<T | undefined>;

/** `open` with a bounded memory of its successes, which `known` reads without waiting. */
export interface OpenedHandleCache<T> extends OpenHandle<T> {
  /**
   * What `handle` opened to for `owner` before, synchronously; undefined when it was not opened (or not
   * for this owner): then call the cache itself, which decrypts (and answers undefined to anyone else).
   */
  known(handle: string, owner: string): T | undefined;
}

/** `open` with a bounded memory of its successes (LRU, `maxEntries`). */
export function createOpenedHandleCache<T>(open: OpenHandle<T>, maxEntries: number): OpenedHandleCache<T> {
  const opened = createLru<string, { value: T; owner: string }>(maxEntries);
  const cached: OpenHandle<T> = async (handle, owner) => {
    const known = opened.get(handle);
    if (known !== undefined) return known.owner === owner ? known.value : undefined;
    const value = await open(handle, owner);
    if (value !== undefined) opened.set(handle, { value, owner });
    return value;
  };
  return Object.assign(cached, {
    known(handle: string, owner: string) {
      const known = opened.get(handle);
      return known?.owner === owner ? known.value : undefined;
    },
  });
}
