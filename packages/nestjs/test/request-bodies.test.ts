// Bodies on the actkit routes: with Nest's JSON parser kept off them (jsonBodiesOutside) the handler reads
// them (up to the spec-derived create limit, 413/415 as problem+json); without it, parsed bodies still work.
// Other paths pass through.
import { createActkitClient } from '@actkit/core';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { ActkitModule, jsonBodiesOutside } from '@actkit/nestjs';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeByHeader, call, handleSecret, type RunningApp, startApp, validInput } from './nest-app.js';

@Controller()
class EchoController {
  @Post('echo')
  echo(@Body() body: unknown) {
    return { body };
  }

  @Get('api/actkit/health')
  health() {
    return { ok: true };
  }
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 200 });
});
afterAll(() => emulator?.close());

const appModule = () => {
  @Module({
    imports: [
      ActkitModule.forRoot({
        client: createActkitClient({ apiKey: 'k', baseUrl: emulator.url }),
        routePrefix: 'api/actkit',
        authorize: authorizeByHeader,
        secret: handleSecret,
      }),
    ],
    controllers: [EchoController],
  })
  class AppModule {}
  return AppModule;
};

const user = { 'x-user': 'ada' };
/** A create body of about `bytes` bytes (an inline data URI as the character image: a PNG signature, zeros). */
const bodyOf = (bytes: number) => ({
  ...validInput,
  character: {
    type: 'image',
    uri: `data:image/png;base64,iVBORw0KGgo${'A'.repeat(Math.ceil(bytes / 4) * 4 + 1)}`,
  },
});

describe('with jsonBodiesOutside (the README setup)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(appModule(), (app) => {
      app.useBodyParser('json', { type: jsonBodiesOutside('/api/actkit') });
    });
  });
  afterAll(() => running?.close());
  const url = () => `${running.url}/api/actkit/character-performances`;

  it('a 500 kB body (over Nest’s 100 kB) reaches the handler, not a 413', async () => {
    const answer = await call(url(), { body: bodyOf(500_000), headers: user });
    expect(answer.status, answer.text).toBe(202);
  });

  it('over the create limit (two 16 MB video data: URIs, base64, + 1 MiB) → 413 problem+json; text/plain → 415; malformed JSON → 400, all as problems', async () => {
    const large = await call(url(), { body: bodyOf(46 * 1024 * 1024), headers: user });
    expect([large.status, large.headers.get('content-type')]).toEqual([413, 'application/problem+json']);
    const plain = await call(url(), {
      body: JSON.stringify(validInput),
      contentType: 'text/plain',
      headers: user,
    });
    expect([plain.status, plain.headers.get('content-type')]).toEqual([415, 'application/problem+json']);
    const broken = await call(url(), { body: '{"character":', headers: user });
    expect([broken.status, broken.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
  });

  it('a normal create answers 202', async () => {
    expect((await call(url(), { body: validInput, headers: user })).status).toBe(202);
  });

  it('the app’s own routes still get parsed JSON', async () => {
    const answer = await call(`${running.url}/echo`, { body: { hello: 'world' } });
    expect(answer.json).toEqual({ body: { hello: 'world' } });
  });

  it('paths under the prefix outside the contract go on to the app’s routes', async () => {
    expect((await call(`${running.url}/api/actkit/health`)).json).toEqual({ ok: true });
    const missing = await call(`${running.url}/api/actkit/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).not.toContain('problem');
  });
});

describe('with Nest’s default body parser', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp(appModule());
  });
  afterAll(() => running?.close());
  const url = () => `${running.url}/api/actkit/character-performances`;

  it('parsed JSON bodies still create tasks, and non-JSON bodies are still 415 problems', async () => {
    expect((await call(url(), { body: validInput, headers: user })).status).toBe(202);
    const plain = await call(url(), {
      body: JSON.stringify(validInput),
      contentType: 'text/plain',
      headers: user,
    });
    expect([plain.status, plain.headers.get('content-type')]).toEqual([415, 'application/problem+json']);
  });

  it('prototype keys in a parsed body are refused (400), nothing sent upstream', async () => {
    const before = emulator.stats.requests;
    const answer = await call(url(), {
      body: `{"character":${JSON.stringify(validInput.character)},"reference":${JSON.stringify(validInput.reference)},"__proto__":{"polluted":true}}`,
      headers: user,
    });
    expect(answer.status).toBe(400);
    expect(emulator.stats.requests).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
