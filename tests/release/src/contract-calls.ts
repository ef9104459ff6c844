// The browser side of the actkit server contract (specs/actkit-server), as plain fetch calls: what every server
// adapter consumer (Express 4, Express 5, Nest) is driven with.
import { defaultCreateBodyLimitBytes } from '@actkit/core/server';
import { expect } from 'vitest';

export const sampleInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

export interface BrowserTask {
  handle: string;
  status: string;
  progress: number;
  output?: string[];
}

/** POST /character-performances; returns the raw response (status and headers are what tests assert). */
export const postTask = (base: string, user?: string): Promise<Response> =>
  fetch(`${base}/character-performances`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(user ? { 'x-user': user } : {}) },
    body: JSON.stringify(sampleInput),
  });

/** Creates a task (asserting the 202 envelope), then GETs it (asserting each 200) until it succeeds. */
export async function createAndFollow(
  base: string,
  user: string,
): Promise<{ created: BrowserTask; last: BrowserTask }> {
  const created = await postTask(base, user);
  expect(created.status).toBe(202);
  const { task } = (await created.json()) as { task: BrowserTask };
  expect(task).toMatchObject({ handle: expect.any(String), status: expect.any(String), progress: 0 });
  let last = task;
  for (let i = 0; i < 100 && last.status !== 'SUCCEEDED'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const read = await fetch(`${base}/tasks/${encodeURIComponent(task.handle)}`, {
      headers: { 'x-user': user },
    });
    expect(read.status).toBe(200);
    last = ((await read.json()) as { task: BrowserTask }).task;
  }
  return { created: task, last };
}

/** Follows GET /tasks/{handle}/events to its end; returns the content type and the last `data:` task. */
export async function lastEvent(
  base: string,
  handle: string,
  user: string,
): Promise<{ contentType: string | null; last: BrowserTask }> {
  const response = await fetch(`${base}/tasks/${encodeURIComponent(handle)}/events`, {
    headers: { 'x-user': user, accept: 'text/event-stream' },
  });
  const blocks = (await response.text()).split('\n\n').filter((block) => block.startsWith('data: '));
  return {
    contentType: response.headers.get('content-type'),
    last: JSON.parse(blocks.at(-1)!.slice('data: '.length)) as BrowserTask,
  };
}

/** POST /character-performances with a raw body and content type (for the 413 and 415 checks). */
export const postRaw = (base: string, user: string, body: string, contentType: string): Promise<Response> =>
  fetch(`${base}/character-performances`, {
    method: 'POST',
    headers: { 'content-type': contentType, 'x-user': user },
    body,
  });

/**
 * A create body over the handler's default limit (`defaultCreateBodyLimitBytes`: two 16 MB video data: URIs
 * in base64 plus slack, from the spec), for the 413 check.
 */
export const tooLargeCreateBody = (): string => createBodyOf(defaultCreateBodyLimitBytes + 1024);

/** A create body of about `bytes` bytes (an inline data URI as the character image). */
export const createBodyOf = (bytes: number): string =>
  JSON.stringify({
    ...sampleInput,
    character: { type: 'image', uri: `data:image/png;base64,${'A'.repeat(bytes)}` },
  });

/** Creates a task as `alice`, follows it over GET to SUCCEEDED, then reads its event stream to the same end. */
export async function expectTaskToSucceedAndStream(base: string): Promise<void> {
  const { created, last } = await createAndFollow(base, 'alice');
  expect(last).toMatchObject({ handle: created.handle, status: 'SUCCEEDED', output: [expect.any(String)] });
  const stream = await lastEvent(base, created.handle, 'alice');
  expect(stream.contentType).toMatch(/^text\/event-stream/);
  expect(stream.last).toMatchObject({ handle: created.handle, status: 'SUCCEEDED' });
}

/** No owner → 401, a body past the default limit → 413, a text/plain body → 415: each as problem+json. */
export async function expectBodyProblems(base: string): Promise<void> {
  const problems = [
    await postTask(base),
    await postRaw(base, 'alice', tooLargeCreateBody(), 'application/json'),
    await postRaw(base, 'alice', JSON.stringify(sampleInput), 'text/plain'),
  ];
  expect(problems.map((r) => r.status)).toEqual([401, 413, 415]);
  for (const r of problems) expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}
