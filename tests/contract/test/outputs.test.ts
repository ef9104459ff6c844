// Output links never reach a browser expired, through every adapter in src/adapters.ts: the emulator (the
// provider) signs output links that die 2 s after it hands them out (`outputTtlMs: 2000`), like a bucket's
// presigned URL. A task read again 3 s after it SUCCEEDED must answer links that work (downloaded here),
// and GET /tasks must not list the dead ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapters } from '../src/adapters.js';
import { call } from '../src/http.js';
import { validInput } from '../src/inputs.js';
import { type Stack, startStack } from '../src/stack.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const user = 'outputs';

/** GET `url` as a browser's <video> would: status, content type and the first box of the body. */
async function download(url: string) {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    box: new TextDecoder().decode(bytes.subarray(4, 8)),
  };
}

describe.each(adapters)('$name: output links', (adapter) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(adapter, { emulator: { taskMs: 100, outputTtlMs: 2000 } });
  });
  afterAll(() => stack?.close());

  it('a task read again 3 s after it SUCCEEDED answers links that work; the list drops the dead ones', async () => {
    const created = await call(`${stack.url}/character-performances`, { user, body: validInput });
    expect(created.status, JSON.stringify(created.json)).toBe(202);
    const handle: string = created.json.task.handle;
    let first: { status: string; output?: string[] } = created.json.task;
    for (let i = 0; i < 100 && first.status !== 'SUCCEEDED'; i++) {
      await sleep(50);
      first = (await call(`${stack.url}/tasks/${handle}`, { user })).json.task;
    }
    expect(first.status).toBe('SUCCEEDED');
    expect(await download(first.output![0]!)).toMatchObject({ status: 200 });

    await sleep(3000);
    expect((await download(first.output![0]!)).status).toBe(403); // the link the browser had is dead
    const listed = (await call(`${stack.url}/tasks`, { user })).json.tasks[0];
    expect(listed).toMatchObject({ handle, status: 'SUCCEEDED' });
    expect(listed).not.toHaveProperty('output');

    const again = (await call(`${stack.url}/tasks/${handle}`, { user })).json.task;
    expect(again.status).toBe('SUCCEEDED');
    expect(again.output[0]).not.toBe(first.output![0]);
    expect(await download(again.output[0])).toEqual({ status: 200, type: 'video/mp4', box: 'ftyp' });
    expect((await call(`${stack.url}/tasks`, { user })).json.tasks[0].output).toEqual(again.output);
  }, 30_000);
});
