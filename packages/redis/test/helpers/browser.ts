// The browser's side of the contract in the multi-instance tests: plain fetch over real HTTP to an
// instance, the owner in the `x-user` header (what the instances' `authorize` reads).
export const sampleInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  json: any;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

/** POST /character-performances as `owner`, with `sampleInput` (and `extra` fields, e.g. a seed). */
export async function create(
  url: string,
  owner: string,
  signal?: AbortSignal,
  extra: Record<string, unknown> = {},
): Promise<Answer> {
  return answer(
    await fetch(`${url}/character-performances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user': owner },
      body: JSON.stringify({ ...sampleInput, ...extra }),
      signal,
    }),
  );
}

/** GET a contract path (`/tasks/<handle>`, `/tasks?limit=…`) as `owner`. */
export async function get(url: string, path: string, owner: string): Promise<Answer> {
  return answer(await fetch(`${url}${path}`, { headers: { 'x-user': owner } }));
}

export interface EventStream {
  /** Every `data:` event so far, parsed. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON events
  events: any[];
  /** Resolves when the server ends the stream (or rejects on a network error). */
  done: Promise<void>;
  close(): void;
}

/** Opens GET /tasks/<handle>/events as `owner` and collects its data events until the server ends it. */
export function watch(url: string, handle: string, owner: string): EventStream {
  const controller = new AbortController();
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const events: any[] = [];
  const done = (async () => {
    const response = await fetch(`${url}/tasks/${handle}/events`, {
      headers: { 'x-user': owner, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!response.body) throw new Error(`no stream: HTTP ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = response.body.getReader();
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += decoder.decode(read.value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n');
          if (data) events.push(JSON.parse(data));
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  })();
  // A stream the test lets break (its instance was killed) must not count as an unhandled rejection.
  done.catch(() => {});
  return { events, done, close: () => controller.abort() };
}
