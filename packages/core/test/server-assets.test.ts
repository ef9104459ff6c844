// The handler reads video data: URIs before a create counts against the owner's limits, and decodes each
// clip once per create (the client's create reuses the handler's result). Over HTTP through every adapter:
// tests/contract.
import { describe, expect, it } from 'vitest';
import { createActkitHandler, isEventStream } from '../src/server/index.js';
import { clientFor, emulator } from './helpers.js';
import { clip, dataUri } from './media-clips.js';

const secret = 'handler-assets-secret-0123456789';
const body = (uri: string) =>
  JSON.stringify({
    character: { type: 'image', uri: 'https://assets.example.com/face.png' },
    reference: { type: 'video', uri },
  });

describe('video data: URIs in the handler', () => {
  it('a 2 s clip → 400 with the measured length, no upstream request, and no create slot spent', async () => {
    const emu = await emulator({ taskMs: 60_000 });
    const handler = createActkitHandler({
      client: clientFor(emu, { maxRetries: 0 }),
      authorize: () => 'owner',
      secret,
      limits: { createsPerMinute: 1, activeTasks: 1 },
    });
    const post = (uri: string) =>
      handler.handle({
        method: 'POST',
        path: '/character-performances',
        headers: { 'content-type': 'application/json' },
        body: body(uri),
      });
    const short = await post(dataUri('video/mp4', await clip(2)));
    expect(short.status).toBe(400);
    if (isEventStream(short)) throw new Error('expected JSON');
    expect(short.json).toMatchObject({
      errors: [{ path: 'reference.uri', message: 'is 2.0 s long; the reference clip must be 3–30 s' }],
    });
    expect(emu.stats.requests).toBe(0);
    // The owner's single create of this minute is still there.
    expect((await post(dataUri('video/mp4', await clip(5)))).status).toBe(202);
    expect(emu.stats.tasksCreated).toBe(1);
    await handler.close();
  });
});
