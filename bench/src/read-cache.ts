// The design PROPOSED for the server handler (not shipped): answer GET /tasks/{handle} from the latest
// state read less than `ttlMs` ago, and let concurrent reads of one task share one upstream request. Runway
// updates a task about every 5 s, so a 1 s old state loses nothing a browser could see. The bench serves it
// beside the shipped router to show what it would buy; it wraps the client, so the handler is unchanged.
import type { ActkitClient, Task } from '@actkit/core';

export function withReadCache(client: ActkitClient, ttlMs: number): ActkitClient {
  const recent = new Map<string, Promise<Task>>();
  const retrieve: ActkitClient['tasks']['retrieve'] = (id, options) => {
    const known = recent.get(id);
    if (known) return known;
    const reading = client.tasks.retrieve(id, options);
    recent.set(id, reading);
    // Forget it after ttlMs, or at once on failure, so an error is never served from the cache.
    reading.then(
      () => setTimeout(() => recent.delete(id), ttlMs).unref(),
      () => recent.delete(id),
    );
    return reading;
  };
  return { ...client, tasks: { ...client.tasks, retrieve } };
}
