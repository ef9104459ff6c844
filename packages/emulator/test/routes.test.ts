import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import {
  AUTH,
  bare,
  create,
  deleteTask,
  getTask,
  signedOutput,
  validBody,
  waitForStatus,
} from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('routes', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ taskMs: 300 });
  });
  afterAll(() => emu.close());

  it('listens on 127.0.0.1 with a url without trailing slash', () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('POST /runwayml/v1/character_performance creates a task with a UUID and an estimated cost', async () => {
    const before = emu.stats.tasksCreated;
    const res = await create(emu);
    expect(res.status).toBe(200);
    expect(res.json.id).toMatch(UUID);
    expect(res.json.estimatedCost.credits).toBeGreaterThan(0);
    expect(emu.stats.tasksCreated).toBe(before + 1);
    expect(emu.task(res.json.id)?.body).toMatchObject({ expressionIntensity: 3, model: 'act_two' });
  });

  it('POST /v1/character_performance (Runway native) creates a task too', async () => {
    const res = await create(emu, validBody(), { prefix: '' });
    expect(res.status).toBe(200);
    expect(res.json.id).toMatch(UUID);
    expect(emu.stats.byRoute['POST /v1/character_performance']).toBeGreaterThanOrEqual(1);
  });

  it('GET /runwayml/v1/tasks/:id answers the wrapped envelope by default', async () => {
    const { json } = await create(emu);
    const res = await getTask(emu, json.id);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ code: 'success', message: '', data: { task_id: json.id } });
    expect(res.json.data.data.id).toBe(json.id);
  });

  it('GET /v1/tasks/:id answers the bare task even when the shape is wrapped', async () => {
    const { json } = await create(emu);
    const res = await getTask(emu, json.id, { prefix: '' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: json.id });
    expect(res.json.code).toBeUndefined();
  });

  it('GET /outputs/:id.mp4 serves the video of a finished task, which the task output points at', async () => {
    const { json } = await create(emu);
    const task = await waitForStatus(emu, json.id, ['SUCCEEDED']);
    expect(task.output).toEqual([signedOutput(emu, json.id)]);
    const res = await fetch(task.output[0]);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('GET /outputs/ of an unknown or unfinished task is a 404 envelope', async () => {
    const unknown = await fetch(`${emu.url}/outputs/00000000-0000-4000-8000-000000000000.mp4`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.type).toBe('comet_api_error');
    const { json } = await create(emu);
    const running = await fetch(`${emu.url}/outputs/${json.id}.mp4`);
    expect(running.status).toBe(404);
    await running.body?.cancel();
  });

  it('DELETE /v1/tasks/:id cancels a running task, then deletes it once terminal', async () => {
    const { json } = await create(emu);
    const cancel = await deleteTask(emu, json.id);
    expect(cancel.status).toBe(204);
    expect((await getTask(emu, json.id, { prefix: '' })).json.status).toBe('CANCELLED');
    expect(emu.task(json.id)?.finishedAt).toBeTypeOf('number');
    const del = await deleteTask(emu, json.id);
    expect(del.status).toBe(204);
    const gone = await getTask(emu, json.id, { prefix: '' });
    expect(gone.status).toBe(404);
    expect(gone.json.error).toMatchObject({ type: 'comet_api_error', param: 'id', code: 'not_found' });
  });

  it('DELETE /runwayml/v1/tasks/:id behaves the same, and a finished task is deleted directly', async () => {
    const { json } = await create(emu);
    await waitForStatus(emu, json.id, ['SUCCEEDED']);
    expect((await deleteTask(emu, json.id, '/runwayml')).status).toBe(204);
    expect(emu.task(json.id)).toBeUndefined();
    expect(emu.stats.byRoute['DELETE /runwayml/v1/tasks/:id']).toBe(1);
  });

  it('unknown tasks are 404 on every task route, never 5xx', async () => {
    for (const prefix of ['', '/runwayml']) {
      const get = await getTask(emu, 'no-such-task', { prefix });
      expect(get.status).toBe(404);
      expect(get.json.error.code).toBe('not_found');
      expect((await deleteTask(emu, 'no-such-task', prefix)).status).toBe(404);
    }
    const tooLong = await getTask(emu, 'x'.repeat(129));
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.error.param).toBe('id');
  });

  it('an unknown route is a 404 envelope and a wrong method is a 405 envelope', async () => {
    const res = await fetch(`${emu.url}/runwayml/v1/image_to_video`, { method: 'POST', headers: AUTH });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ type: 'comet_api_error', code: 'not_found' });
    const wrong = await fetch(`${emu.url}/runwayml/v1/character_performance`, { headers: AUTH });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect((await wrong.json()).error.type).toBe('comet_api_error');
  });

  it('counts every request by route; resetStats zeroes the live object in place', async () => {
    const stats = emu.stats;
    emu.resetStats();
    expect(stats).toEqual({ tasksCreated: 0, requests: 0, byRoute: {} });
    const { json } = await create(emu);
    await getTask(emu, json.id);
    await getTask(emu, json.id, { prefix: '' });
    await fetch(`${emu.url}/nowhere`).then((r) => r.text());
    expect(stats).toEqual({
      tasksCreated: 1,
      requests: 4,
      byRoute: {
        'POST /runwayml/v1/character_performance': 1,
        'GET /runwayml/v1/tasks/:id': 1,
        'GET /v1/tasks/:id': 1,
        'GET *': 1,
      },
    });
  });

  it('task(id) reports status, times, duration and body', async () => {
    const { json } = await create(emu);
    const pending = emu.task(json.id)!;
    expect(pending).toMatchObject({ id: json.id, durationMs: 300, polls: 0 });
    expect(pending.finishedAt).toBeUndefined();
    await waitForStatus(emu, json.id, ['SUCCEEDED']);
    const done = emu.task(json.id)!;
    expect(done.status).toBe('SUCCEEDED');
    expect(done.finishedAt! - done.createdAt).toBeGreaterThanOrEqual(299);
    expect(bare((await getTask(emu, json.id)).json).status).toBe('SUCCEEDED');
  });
});

describe('HTTP control routes', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ taskMs: 300 });
  });
  afterAll(() => emu.close());

  it('POST/GET/DELETE /__emulator/faults queue, list and clear faults without auth or stats', async () => {
    const post = await fetch(`${emu.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'status', status: 503, route: 'create' }),
    });
    expect(post.status).toBe(201);
    expect(await post.json()).toEqual({ queued: 1 });
    const list = await (await fetch(`${emu.url}/__emulator/faults`)).json();
    expect(list.faults).toEqual([{ kind: 'status', status: 503, route: 'create' }]);
    expect((await create(emu)).status).toBe(503);

    await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'html' }) });
    expect((await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await create(emu)).status).toBe(200);
    expect(emu.stats.requests).toBe(2);
  });

  it('rejects a malformed fault with a 400 envelope', async () => {
    const res = await fetch(`${emu.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'reset', when: 'sometimes' }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.param).toBe('0.when');
  });

  it('GET /__emulator/stats and /__emulator/tasks/:id report state; DELETE /__emulator/stats resets', async () => {
    const { json } = await create(emu);
    const stats = await (await fetch(`${emu.url}/__emulator/stats`)).json();
    expect(stats.tasksCreated).toBe(emu.stats.tasksCreated);
    const info = await (await fetch(`${emu.url}/__emulator/tasks/${json.id}`)).json();
    expect(info).toMatchObject({ id: json.id, durationMs: 300 });
    expect((await fetch(`${emu.url}/__emulator/tasks/nope`)).status).toBe(404);
    expect((await fetch(`${emu.url}/__emulator/stats`, { method: 'DELETE' })).status).toBe(204);
    expect(emu.stats.tasksCreated).toBe(0);
  });
});
