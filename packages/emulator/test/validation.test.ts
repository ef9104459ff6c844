import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { characterPerformanceRequestRequired } from '../../core/src/generated/cometapi-runway/defaults.gen.js';
import { type Emulator, startEmulator } from '../src/index.js';
import { MAX_CREATE_BODY_BYTES } from '../src/validate-assets.js';
import { create, getTask, VERSION, validBody } from './helpers.js';

describe('request validation (like the provider)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ taskMs: 300 });
  });
  afterAll(() => emu.close());

  const expectInvalid = (
    res: { status: number; json: { error: Record<string, unknown> } },
    param: string,
  ) => {
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ type: 'comet_api_error', param, code: 'invalid_request' });
    expect(String(res.json.error.message)).toContain(param);
  };

  it('401 without an Authorization header', async () => {
    const res = await create(emu, validBody(), { headers: { authorization: '' } });
    expect(res.status).toBe(401);
    expect(res.json.error).toMatchObject({ type: 'comet_api_error', message: 'missing api key' });
  });

  it.each([
    ['no scheme', 'test-key'],
    ['wrong scheme', 'Basic dXNlcjpwYXNz'],
    ['empty token', 'Bearer '],
    ['two tokens', 'Bearer a b'],
  ])('401 with a malformed Authorization header (%s)', async (_name, authorization) => {
    const res = await create(emu, validBody(), { headers: { authorization } });
    expect(res.status).toBe(401);
    expect(res.json.error.type).toBe('comet_api_error');
  });

  it('401 on reads and deletes too', async () => {
    const res = await getTask(emu, 'anything', { headers: { authorization: '' } });
    expect(res.status).toBe(401);
    const del = await fetch(`${emu.url}/v1/tasks/anything`, { method: 'DELETE' });
    expect(del.status).toBe(401);
  });

  it('with apiKey set only that key is accepted', async () => {
    const locked = await startEmulator({ apiKey: 'right-key' });
    try {
      const wrong = await create(locked, validBody(), { headers: { authorization: 'Bearer wrong-key' } });
      expect(wrong.status).toBe(401);
      expect(wrong.json.error.message).toBe('invalid api key');
      const right = await create(locked, validBody(), { headers: { authorization: 'Bearer right-key' } });
      expect(right.status).toBe(200);
      expect(locked.stats.tasksCreated).toBe(1);
    } finally {
      await locked.close();
    }
  });

  it('400 when X-Runway-Version is missing on create, naming the header', async () => {
    expectInvalid(
      await create(emu, validBody(), { headers: { 'x-runway-version': '' } }),
      'X-Runway-Version',
    );
  });

  it('400 when X-Runway-Version is not a date', async () => {
    expectInvalid(
      await create(emu, validBody(), { headers: { 'x-runway-version': 'latest' } }),
      'X-Runway-Version',
    );
  });

  it('X-Runway-Version is optional on reads', async () => {
    const { json } = await create(emu);
    const res = await getTask(emu, json.id, { headers: { 'x-runway-version': '' } });
    expect(res.status).toBe(200);
  });

  it('400 on broken JSON', async () => {
    expectInvalid(await create(emu, undefined, { raw: '{"character": ' }), 'body');
  });

  it('400 on a body that is not an object', async () => {
    expectInvalid(await create(emu, [1, 2]), 'body');
    expectInvalid(await create(emu, undefined, { raw: '' }), 'body');
  });

  it.each(characterPerformanceRequestRequired.map((field) => [field]))(
    '400 when the required field %s is missing',
    async (field) => {
      const body = validBody();
      delete body[field];
      expectInvalid(await create(emu, body), field);
    },
  );

  it('400 on an unknown top-level field', async () => {
    expectInvalid(await create(emu, validBody({ promptText: 'smile' })), 'promptText');
  });

  it('400 on an unknown nested field', async () => {
    const body = validBody({ character: { type: 'image', uri: 'https://a.example/c.png', mask: true } });
    expectInvalid(await create(emu, body), 'character.mask');
    expectInvalid(
      await create(emu, validBody({ contentModeration: { publicFigureThreshold: 'auto', x: 1 } })),
      'contentModeration.x',
    );
  });

  it.each([
    ['character.type', { character: { type: 'audio', uri: 'https://a.example/c.png' } }],
    ['character.uri', { character: { type: 'image', uri: 'http://a.example/c.png' } }],
    ['character.uri', { character: { type: 'video', uri: 'https://127.0.0.1:8/c.mp4 x' } }],
    ['character', { character: 'https://a.example/c.png' }],
    ['reference.type', { reference: { type: 'image', uri: 'https://a.example/r.png' } }],
    ['reference.uri', { reference: { type: 'video', uri: 'ftp://a.example/r.mp4' } }],
    ['bodyControl', { bodyControl: 'yes' }],
    ['expressionIntensity', { expressionIntensity: 6 }],
    ['expressionIntensity', { expressionIntensity: 0 }],
    ['expressionIntensity', { expressionIntensity: 2.5 }],
    ['seed', { seed: -1 }],
    ['seed', { seed: 4294967296 }],
    ['model', { model: 'gen4_turbo' }],
    ['ratio', { ratio: '16:9' }],
    ['contentModeration.publicFigureThreshold', { contentModeration: { publicFigureThreshold: 'high' } }],
  ])('400 naming %s when it breaks the spec', async (param, overrides) => {
    expectInvalid(await create(emu, validBody(overrides)), param);
  });

  it('accepts a base64 data: URI and a video character', async () => {
    const body = validBody({
      character: { type: 'video', uri: 'data:video/mp4;base64,AAAAIGZ0eXBpc29t' },
      reference: { type: 'video', uri: 'https://a.example/r.mp4?sig=abc' },
    });
    expect((await create(emu, body)).status).toBe(200);
  });

  it('413 for a body over two 16 MB video data: URIs (base64) + 1 MiB, and no task is created', async () => {
    const before = emu.stats.tasksCreated;
    const huge = `data:image/png;base64,${'A'.repeat(MAX_CREATE_BODY_BYTES)}`;
    const res = await create(emu, validBody({ character: { type: 'image', uri: huge } }));
    expect(res.status).toBe(413);
    expect(res.json.error).toMatchObject({ type: 'comet_api_error', param: 'body' });
    expect(emu.stats.tasksCreated).toBe(before);
  });

  it('a rejected create never counts as a created task', async () => {
    emu.resetStats();
    await create(emu, validBody({ ratio: 'wide' }), { headers: { 'x-runway-version': VERSION } });
    expect(emu.stats).toMatchObject({ tasksCreated: 0, requests: 1 });
  });
});
