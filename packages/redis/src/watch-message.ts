// What a task's loop publishes to the other instances, as JSON on the task's channel. Errors travel as the
// fields the handler renders a problem from (`name`, `status`, `retryAfterMs`, `issues`), never the
// provider's message, so every instance shows its browsers the same key-free problem the holder would.
import type { TaskWatchEvent } from '@actkit/core/server';

/** A state or error of the loop, or the holder saying it let go (so a listener may take over at once). */
export type WatchMessage = { from: string; event: TaskWatchEvent } | { from: string; released: true };

interface SerializedError {
  name: string;
  status?: number;
  retryAfterMs?: number;
  issues?: unknown;
}

const errorFields = (error: unknown): SerializedError => {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const fields: SerializedError = { name: typeof e.name === 'string' ? e.name : 'Error' };
  if (typeof e.status === 'number') fields.status = e.status;
  if (typeof e.retryAfterMs === 'number') fields.retryAfterMs = e.retryAfterMs;
  if (Array.isArray(e.issues)) fields.issues = e.issues;
  return fields;
};

export function encodeWatchMessage(message: WatchMessage): string {
  if ('released' in message) return JSON.stringify(message);
  const { event } = message;
  if (event.type === 'task') return JSON.stringify(message);
  return JSON.stringify({ from: message.from, event: { type: 'error', error: errorFields(event.error) } });
}

/** The message, or undefined for anything that is not one (another app publishing on the channel). */
export function decodeWatchMessage(text: string): WatchMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const message = value as { from?: unknown; released?: unknown; event?: { type?: unknown } };
  if (typeof message?.from !== 'string') return undefined;
  if (message.released === true) return { from: message.from, released: true };
  const event = message.event as { type?: unknown; task?: unknown; error?: SerializedError } | undefined;
  if (event?.type === 'task' && typeof event.task === 'object' && event.task !== null) {
    return { from: message.from, event: event as TaskWatchEvent };
  }
  if (event?.type === 'error' && typeof event.error?.name === 'string') {
    // Rebuilt as an Error with the same name and fields, so problemFromError maps it as on the holder.
    const error = Object.assign(
      new Error(`the task's upstream loop failed on another instance`),
      event.error,
    );
    return { from: message.from, event: { type: 'error', error } };
  }
  return undefined;
}
