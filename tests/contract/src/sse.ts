// Reads a Server-Sent Events stream to its end and parses it (data events, named events and comments).
import { recordingFetch } from './recorder.js';

export interface SseEvent {
  /** undefined for the default `message` event. */
  event: string | undefined;
  data: string;
  /** ms since the request was sent. */
  at: number;
}

export interface SseStream {
  status: number;
  headers: Headers;
  events: SseEvent[];
  comments: string[];
}

function parseBlock(block: string, at: number): { event?: SseEvent; comments: string[] } {
  const comments: string[] = [];
  const data: string[] = [];
  let event: string | undefined;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) comments.push(line.slice(1).trim());
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    else if (line.startsWith('event:')) event = line.slice(6).trim();
  }
  return { comments, event: data.length > 0 ? { event, data: data.join('\n'), at } : undefined };
}

/** Opens the stream and reads until the server ends it (or `signal` aborts). */
export async function readEventStream(
  url: string,
  user: string | undefined,
  signal?: AbortSignal,
): Promise<SseStream> {
  const started = Date.now();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (user !== undefined) headers['x-test-user'] = user;
  const response = await recordingFetch(url, { headers, signal });
  const result: SseStream = { status: response.status, headers: response.headers, events: [], comments: [] };
  if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.text();
    return result;
  }
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    const reader = response.body.getReader();
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const parsed = parseBlock(buffer.slice(0, end), Date.now() - started);
        if (parsed.event) result.events.push(parsed.event);
        result.comments.push(...parsed.comments);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
  return result;
}

export interface OpenStream {
  status: number;
  headers: Headers;
  /** Leaves: aborts the request (the server sees the client go) and waits until the body is done. */
  leave(): Promise<void>;
}

/**
 * Opens an event stream and resolves once the answer's headers arrived (the server has taken the stream's
 * slot by then), without reading it to its end. A non-stream answer (a problem) is read in full.
 */
export async function openEventStream(url: string, user: string): Promise<OpenStream> {
  const controller = new AbortController();
  const response = await recordingFetch(url, {
    headers: { accept: 'text/event-stream', 'x-test-user': user },
    signal: controller.signal,
  });
  const reading = response.text().catch(() => '');
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) await reading;
  return {
    status: response.status,
    headers: response.headers,
    async leave() {
      controller.abort();
      await reading;
    },
  };
}
