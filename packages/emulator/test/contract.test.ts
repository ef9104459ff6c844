// Contract test: every kind of emulator response validates against specs/cometapi-runway/openapi.yaml with
// an independent JSON Schema validator (Ajv, draft 2020-12, the dialect OpenAPI 3.1 uses), not with the
// generated zod schemas, so a drift between the spec, the generator and the emulator shows up here.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Emulator, startEmulator } from '../src/index.js';
import { MAX_CREATE_BODY_BYTES } from '../src/validate-assets.js';
import { AUTH, create, getTask, sleep, validBody, waitForStatus } from './helpers.js';

const specPath = new URL('../../../specs/cometapi-runway/openapi.yaml', import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document
const spec: any = parse(readFileSync(specPath, 'utf8'));

// strict: false because OpenAPI adds keywords JSON Schema does not know (discriminator, example).
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS: under NodeNext its default export is the module object, the plugin is on .default.
const addFormats = addFormatsModule.default;
addFormats(ajv);
ajv.addSchema(spec, 'openapi.json');

const pointerSegment = (segment: string) =>
  encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1'));

/** The validator for one documented response (following a $ref into components/responses). */
function responseValidator(path: string, method: string, status: number): ValidateFunction {
  const responses = spec.paths[path][method].responses;
  const response = responses[String(status)];
  if (!response) throw new Error(`the spec documents no ${status} for ${method.toUpperCase()} ${path}`);
  const base = response.$ref
    ? String(response.$ref).slice(1)
    : `/paths/${pointerSegment(path)}/${method}/responses/${status}`;
  return ajv.compile({ $ref: `openapi.json#${base}/content/${pointerSegment('application/json')}/schema` });
}

const schemaValidator = (name: string) => ajv.compile({ $ref: `openapi.json#/components/schemas/${name}` });

function expectValid(validate: ValidateFunction, body: unknown, label: string): void {
  const ok = validate(body);
  expect(ok, `${label}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`).toBe(true);
}

const CREATE = '/runwayml/v1/character_performance';
const GET = '/runwayml/v1/tasks/{id}';

describe('contract: emulator responses validate against the OpenAPI spec', () => {
  let emu: Emulator;
  // Captured bodies of Get Task Details, by shape and status.
  // biome-ignore lint/suspicious/noExplicitAny: response bodies
  const bare = new Map<string, any>();
  // biome-ignore lint/suspicious/noExplicitAny: response bodies
  const wrapped = new Map<string, any>();

  /** Polls the CometAPI route twice ('mixed' shape: one wrapped, one bare) and the native route once. */
  async function capture(id: string, expected: string): Promise<void> {
    const answers = [await getTask(emu, id), await getTask(emu, id), await getTask(emu, id, { prefix: '' })];
    for (const { status, json } of answers) {
      expect(status).toBe(200);
      const inner = json.code === 'success' ? json.data.data : json;
      expect(inner.status).toBe(expected);
      (json.code === 'success' ? wrapped : bare).set(expected, json);
    }
  }

  beforeAll(async () => {
    // Each task's duration comes from its seed, so one emulator reaches every status on cue.
    emu = await startEmulator({ shape: 'mixed', concurrency: 1, taskMs: (body) => body.seed });
    const ok = (await create(emu, validBody({ seed: 200 }))).json.id;
    await waitForStatus(emu, ok, ['SUCCEEDED']);
    await capture(ok, 'SUCCEEDED');
    const failing = validBody({
      seed: 200,
      character: { type: 'image', uri: 'https://a.example/fail-moderation.png' },
    });
    const failed = (await create(emu, failing)).json.id;
    await waitForStatus(emu, failed, ['FAILED']);
    await capture(failed, 'FAILED');

    const running = (await create(emu, validBody({ seed: 8000 }))).json.id;
    const throttled = (await create(emu, validBody({ seed: 8000 }))).json.id;
    await capture(running, 'PENDING');
    await waitForStatus(emu, running, ['RUNNING']);
    await sleep(50);
    await capture(running, 'RUNNING');
    await capture(throttled, 'THROTTLED');
    await fetch(`${emu.url}/v1/tasks/${throttled}`, { method: 'DELETE', headers: AUTH });
    await capture(throttled, 'CANCELLED');
  }, 15_000);
  afterAll(() => emu.close());

  const statuses = ['PENDING', 'THROTTLED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

  it.each(statuses)('bare task (%s) matches GET 200 and RunwayTask', (status) => {
    const body = bare.get(status);
    expect(body).toBeDefined();
    expectValid(responseValidator(GET, 'get', 200), body, `bare ${status}`);
    expectValid(schemaValidator('RunwayTask'), body, `bare ${status}`);
  });

  it.each(statuses)('wrapped envelope (%s) matches GET 200 and WrappedTaskEnvelope', (status) => {
    const body = wrapped.get(status);
    expect(body).toBeDefined();
    expectValid(responseValidator(GET, 'get', 200), body, `wrapped ${status}`);
    expectValid(schemaValidator('WrappedTaskEnvelope'), body, `wrapped ${status}`);
  });

  it('create 200', async () => {
    const res = await create(emu, validBody({ seed: 100 }));
    expectValid(responseValidator(CREATE, 'post', 200), res.json, 'create 200');
  });

  it('create errors: 400 (body, field, header), 401, 429, 500, 503', async () => {
    const cases: [number, Promise<{ status: number; json: unknown }>][] = [
      [400, create(emu, undefined, { raw: '{' })],
      [400, create(emu, validBody({ ratio: '4:3' }))],
      [400, create(emu, validBody({ extra: 1 }))],
      [400, create(emu, validBody(), { headers: { 'x-runway-version': '' } })],
      [401, create(emu, validBody(), { headers: { authorization: 'Token x' } })],
    ];
    for (const [expected, pending] of cases) {
      const res = await pending;
      expect(res.status).toBe(expected);
      expectValid(responseValidator(CREATE, 'post', expected), res.json, `create ${expected}`);
    }
    for (const status of [429, 500, 503] as const) {
      emu.inject({ kind: 'status', route: 'create', status, retryAfter: 1 });
      const res = await create(emu);
      expect(res.status).toBe(status);
      expectValid(responseValidator(CREATE, 'post', status), res.json, `create ${status}`);
    }
  });

  it('Get Task Details errors: 400 task_not_exist, 400 invalid id, 401, 404, 429, 500, 503', async () => {
    const strict = await startEmulator({ notFoundPolls: 1 });
    try {
      const { json } = await create(strict);
      const notYet = await getTask(strict, json.id);
      expect(notYet.status).toBe(400);
      expectValid(responseValidator(GET, 'get', 400), notYet.json, 'task_not_exist');
      expectValid(schemaValidator('TaskNotExist'), notYet.json, 'task_not_exist');
    } finally {
      await strict.close();
    }
    const invalid = await getTask(emu, 'x'.repeat(200));
    expect(invalid.status).toBe(400);
    expectValid(responseValidator(GET, 'get', 400), invalid.json, 'invalid id');
    const unauthorized = await getTask(emu, 'x', { headers: { authorization: '' } });
    expectValid(responseValidator(GET, 'get', 401), unauthorized.json, 'get 401');
    const missing = await getTask(emu, 'no-such-task');
    expect(missing.status).toBe(404);
    expectValid(responseValidator(GET, 'get', 404), missing.json, 'get 404');
    for (const status of [429, 500, 503] as const) {
      emu.inject({ kind: 'status', route: 'getTask', status });
      const res = await getTask(emu, 'whatever');
      expect(res.status).toBe(status);
      expectValid(responseValidator(GET, 'get', status), res.json, `get ${status}`);
    }
  });

  it('answers the spec does not list (unknown route, wrong method, 413, 502, 504) still use CometApiError', async () => {
    const envelope = schemaValidator('CometApiError');
    const bodies: unknown[] = [];
    bodies.push(await (await fetch(`${emu.url}/v2/nothing`)).json());
    bodies.push(await (await fetch(`${emu.url}${CREATE}`, { headers: AUTH })).json());
    const huge = `data:image/png;base64,${'A'.repeat(MAX_CREATE_BODY_BYTES)}`;
    bodies.push((await create(emu, validBody({ character: { type: 'image', uri: huge } }))).json);
    for (const status of [502, 504]) {
      emu.inject({ kind: 'status', status });
      bodies.push((await create(emu)).json);
    }
    for (const body of bodies) expectValid(envelope, body, 'error envelope');
  });

  it('the validator is live: it rejects bodies that break the spec', () => {
    const validate = responseValidator(GET, 'get', 200);
    const good = wrapped.get('RUNNING');
    expect(validate({ ...good, data: { ...good.data, progress: '42' } })).toBe(false);
    expect(validate({ ...bare.get('RUNNING'), status: 'DONE' })).toBe(false);
    expect(validate({ ...bare.get('RUNNING'), progress: 1.5 })).toBe(false);
    expect(responseValidator(CREATE, 'post', 200)({ id: '' })).toBe(false);
  });
});
