// Bodies on the actkit routes, on both platforms, with no bootstrap line: the module keeps the app's body
// parsers off its routes wherever Nest registered them (a global prefix and URI versions too), so the
// handler reads them (1 MiB, 413/415 as problem+json), while the app's own routes keep Nest's parsing.
import { createActkitClient } from '@actkit/core';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { ActkitModule, jsonBodiesOutside } from '@actkit/nestjs';
import { Body, Controller, Get, Module, Post, VersioningType } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizeByHeader,
  call,
  handleSecret,
  platforms,
  type RunningApp,
  startApp,
  validInput,
} from './nest-app.js';

@Controller()
class EchoController {
  @Post('echo')
  echo(@Body() body: unknown) {
    return { body };
  }

  @Get('actkit/health')
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
        routePrefix: 'actkit',
        authorize: authorizeByHeader,
        secret: handleSecret,
        // 1 MiB (the default follows the spec's data: URI caps, ~44 MB): small bodies prove the limit.
        maxBodyBytes: 1_048_576,
      }),
    ],
    controllers: [EchoController],
  })
  class AppModule {}
  return AppModule;
};

const user = { 'x-user': 'ada' };
const problem = /^application\/problem\+json/;
/** A create body of about `bytes` bytes (an inline data URI as the character image: a PNG signature, zeros). */
const bodyOf = (bytes: number) => ({
  ...validInput,
  character: {
    type: 'image',
    uri: `data:image/png;base64,iVBORw0KGgo${'A'.repeat(Math.ceil(bytes / 4) * 4 + 1)}`,
  },
});

describe.each(platforms)('%s platform', (platform) => {
  describe.each([
    { setup: 'no prefix', base: '', configure: () => {} },
    {
      setup: "setGlobalPrefix('api') + URI versioning",
      base: '/api/v1',
      configure: (app: NestExpressApplication) => {
        app.setGlobalPrefix('api');
        app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
      },
    },
  ])('$setup, no bootstrap line for bodies', ({ base, configure }) => {
    let running: RunningApp;
    /** The Content-Type a global guard saw on each create request. */
    const seenByGuard: unknown[] = [];
    beforeAll(async () => {
      running = await startApp(
        appModule(),
        (app) => {
          configure(app);
          app.useGlobalGuards({
            canActivate(context) {
              const req = context
                .switchToHttp()
                .getRequest<{ url: string; headers: Record<string, string> }>();
              if (req.url.endsWith('/character-performances')) seenByGuard.push(req.headers['content-type']);
              return true;
            },
          });
        },
        platform,
      );
    });
    afterAll(() => running?.close());
    const url = (path: string) => `${running.url}${base}${path}`;
    const create = () => url('/actkit/character-performances');

    it('a 500 kB body (over Express’s 100 kB JSON limit) reaches the handler, not a 413', async () => {
      const answer = await call(create(), { body: bodyOf(500_000), headers: user });
      expect(answer.status, answer.text).toBe(202);
    });

    it('over 1 MiB → 413; text/plain → 415; malformed JSON → 400; all problem+json', async () => {
      const large = await call(create(), { body: bodyOf(1_100_000), headers: user });
      expect(large.status).toBe(413);
      expect(large.headers.get('content-type')).toMatch(problem);
      const plain = await call(create(), {
        body: JSON.stringify(validInput),
        contentType: 'text/plain',
        headers: user,
      });
      expect(plain.status).toBe(415);
      expect(plain.headers.get('content-type')).toMatch(problem);
      const broken = await call(create(), { body: '{"character":', headers: user });
      expect(broken.status).toBe(400);
      expect(broken.headers.get('content-type')).toMatch(problem);
    });

    it('guards see the request’s own headers (set aside only while the platform parses)', async () => {
      seenByGuard.length = 0;
      await call(create(), { body: validInput, headers: user });
      await call(create(), { body: JSON.stringify(validInput), contentType: 'text/plain', headers: user });
      expect(seenByGuard).toEqual(['application/json', 'text/plain']);
    });

    it('prototype keys are refused (400 naming them), nothing sent upstream', async () => {
      const before = emulator.stats.requests;
      const answer = await call(create(), {
        body: `{"character":${JSON.stringify(validInput.character)},"reference":${JSON.stringify(validInput.reference)},"__proto__":{"polluted":true}}`,
        headers: user,
      });
      expect(answer.status).toBe(400);
      expect(answer.json.errors.map((e: { path: string }) => e.path)).toContain('__proto__');
      expect(emulator.stats.requests).toBe(before);
    });

    it('the app’s own routes keep Nest’s JSON parsing and its error format', async () => {
      expect((await call(url('/echo'), { body: { hello: 'world' } })).json).toEqual({
        body: { hello: 'world' },
      });
      const large = await call(url('/echo'), { body: bodyOf(1_100_000) });
      expect(large.status).toBe(413);
      expect(large.headers.get('content-type')).not.toMatch(problem);
      expect(large.json).toMatchObject({ statusCode: 413 });
    });

    it('paths under the prefix outside the contract go on to the app’s routes', async () => {
      expect((await call(url('/actkit/health'))).json).toEqual({ ok: true });
      const missing = await call(url('/actkit/nowhere'));
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).not.toMatch(problem);
    });

    it('another method on a contract path → 405 problem with Allow', async () => {
      const answer = await call(create(), { headers: user });
      expect([answer.status, answer.headers.get('allow')]).toEqual([405, 'POST']);
      expect(answer.headers.get('content-type')).toMatch(problem);
    });
  });
});

describe('express platform, the app’s own parser settings', () => {
  it('app.useBodyParser with a larger limit applies to the app’s routes, not to actkit’s', async () => {
    const running = await startApp(appModule(), (app) => {
      app.useBodyParser('json', { limit: '2mb' });
    });
    try {
      expect((await call(`${running.url}/echo`, { body: bodyOf(1_100_000) })).status).toBe(201);
      const large = await call(`${running.url}/actkit/character-performances`, {
        body: bodyOf(1_100_000),
        headers: user,
      });
      expect([large.status, large.headers.get('content-type')]).toEqual([413, 'application/problem+json']);
    } finally {
      await running.close();
    }
  });

  it('the earlier bootstrap line (jsonBodiesOutside) still works', async () => {
    const running = await startApp(appModule(), (app) => {
      app.useBodyParser('json', { type: jsonBodiesOutside('/actkit') });
    });
    try {
      const url = `${running.url}/actkit/character-performances`;
      expect((await call(url, { body: bodyOf(500_000), headers: user })).status).toBe(202);
      expect((await call(`${running.url}/echo`, { body: { a: 1 } })).json).toEqual({ body: { a: 1 } });
    } finally {
      await running.close();
    }
  });
});
