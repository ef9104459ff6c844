// The browser's side of one request, for the adapters' tests (Fastify, Nest): a call that reads the answer as
// text and JSON, and an event stream read to its end.
export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON answers
  json: any;
  text: string;
}

/** One request; an object body is sent as JSON, a string as is (with `contentType`). */
export async function call(
  url: string,
  options: { method?: string; body?: unknown; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const response = await fetch(url, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** Reads an event stream to its end; returns the parsed `data:` events. */
export async function readEvents(url: string, headers: Record<string, string>) {
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers } });
  const text = await response.text();
  const events = text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => JSON.parse(block.slice('data: '.length)));
  return { status: response.status, headers: response.headers, events };
}
