// The official Runway SDK against the emulator's native /v1 routes, with the minimal body Runway's API
// accepts (character, reference, model): Runway's optionality there, while CometAPI's /runwayml routes keep
// requiring every field the seed page marks required.
import RunwayML from '@runwayml/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { characterPerformanceRequestDefaults } from '../../core/src/generated/cometapi-runway/defaults.gen.js';
import { type Emulator, startEmulator } from '../src/index.js';
import { runwayRequired } from '../src/validate-request.js';
import { create, sleep, validBody } from './helpers.js';

const minimal = {
  character: { type: 'image' as const, uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video' as const, uri: 'https://assets.example.com/performance.mp4' },
  model: 'act_two' as const,
};

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ taskMs: 300 });
});
afterAll(() => emu.close());

describe('@runwayml/sdk 4.20.1 on the native /v1 routes', () => {
  it('creates a task from the minimal body and reads it to SUCCEEDED with an output', async () => {
    const sdk = new RunwayML({ apiKey: 'sdk-key', baseURL: emu.url, maxRetries: 0 });
    const { id } = await sdk.characterPerformance.create(minimal);
    expect(emu.task(id)).toBeDefined();
    let task = await sdk.tasks.retrieve(id);
    for (let i = 0; i < 50 && task.status !== 'SUCCEEDED'; i++) {
      await sleep(50);
      task = await sdk.tasks.retrieve(id);
    }
    expect(task.status).toBe('SUCCEEDED');
    expect(task.status === 'SUCCEEDED' && task.output).toEqual([
      expect.stringMatching(/^http:\/\/127\.0\.0\.1/),
    ]);
  });
});

describe('optional fields on /v1, required on /runwayml/v1', () => {
  it('fills what the body leaves out as Runway does: a random seed, the spec’s defaults for the rest', async () => {
    const first = await create(emu, minimal, { prefix: '' });
    const second = await create(emu, minimal, { prefix: '' });
    expect([first.status, second.status]).toEqual([200, 200]);
    const defaults = characterPerformanceRequestDefaults;
    const stored = [emu.task(first.json.id)!.body, emu.task(second.json.id)!.body];
    for (const body of stored) {
      expect(body).toMatchObject(defaults);
      expect(Number.isInteger(body.seed) && body.seed >= 0 && body.seed <= 4_294_967_295).toBe(true);
    }
    expect(stored[0]!.seed).not.toBe(stored[1]!.seed);
  });

  it('keeps a seed that is sent', async () => {
    const created = await create(emu, { ...minimal, seed: 42, bodyControl: false }, { prefix: '' });
    expect(emu.task(created.json.id)!.body).toMatchObject({ seed: 42, bodyControl: false });
  });

  it.each(runwayRequired.map((field) => [field]))(
    '400 on /v1 when %s (required by Runway) is missing',
    async (field) => {
      const body: Record<string, unknown> = { ...minimal };
      delete body[field];
      const answer = await create(emu, body, { prefix: '' });
      expect(answer.status).toBe(400);
      expect(answer.json.error).toMatchObject({ param: field, code: 'invalid_request' });
    },
  );

  it('still validates what is sent on /v1 (ranges, enums, unknown fields)', async () => {
    for (const [param, extra] of [
      ['seed', { seed: -1 }],
      ['ratio', { ratio: '16:9' }],
      ['promptText', { promptText: 'smile' }],
    ] as const) {
      const answer = await create(emu, { ...minimal, ...extra }, { prefix: '' });
      expect([answer.status, answer.json.error.param]).toEqual([400, param]);
    }
  });

  it('CometAPI’s route still requires every field its page marks required (seed, bodyControl, …)', async () => {
    for (const field of ['seed', 'bodyControl', 'ratio']) {
      const body = validBody();
      delete body[field];
      const answer = await create(emu, body);
      expect([answer.status, answer.json.error.param]).toEqual([400, field]);
    }
    expect((await create(emu, minimal)).status).toBe(400);
  });
});
