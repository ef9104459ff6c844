// forRoot / forRootAsync: where the options come from, what is provided where, and when routes exist.
import { type ActkitClient, createActkitClient } from '@actkit/core';
import { type Emulator, startEmulator } from '@actkit/emulator';
import {
  ACTKIT_CLIENT,
  ACTKIT_MODULE_OPTIONS,
  ActkitModule,
  type ActkitModuleOptions,
  InjectActkit,
} from '@actkit/nestjs';
import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authorizeByHeader, call, handleSecret, type RunningApp, startApp, validInput } from './nest-app.js';

let emulator: Emulator;
let running: RunningApp | undefined;
beforeAll(async () => {
  // The emulator only answers this key: a 202 proves the configured key reached the client.
  emulator = await startEmulator({ taskMs: 200, apiKey: 'key-from-settings' });
});
afterAll(() => emulator?.close());
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** A ConfigService-style settings provider in its own module, as `@nestjs/config` would be. */
const SETTINGS = Symbol('settings');
@Module({
  providers: [
    {
      provide: SETTINGS,
      useFactory: () => ({ get: (name: string) => ({ key: 'key-from-settings', url: emulator.url })[name] }),
    },
  ],
  exports: [SETTINGS],
})
class SettingsModule {}

type Settings = { get(name: string): string | undefined };

describe('forRootAsync', () => {
  it('builds the client from a factory with imports and inject, and serves the routes', async () => {
    running = await startApp(
      ActkitModule.forRootAsync({
        routePrefix: 'api/actkit',
        imports: [SettingsModule],
        inject: [SETTINGS],
        useFactory: (settings: Settings): ActkitModuleOptions => ({
          apiKey: settings.get('key'),
          baseUrl: settings.get('url'),
          authorize: authorizeByHeader,
          secret: handleSecret,
        }),
      }),
    );
    const created = await call(`${running.url}/api/actkit/character-performances`, {
      body: validInput,
      headers: { 'x-user': 'ada' },
    });
    expect(created.status, created.text).toBe(202);
    expect(created.json.task.handle).toEqual(expect.any(String));
    const options = running.app.get<ActkitModuleOptions>(ACTKIT_MODULE_OPTIONS);
    expect(options.apiKey).toBe('key-from-settings');
    expect(options).not.toHaveProperty('routePrefix'); // an extra shapes the module, it is no option
  });

  it('takes an options class (useClass) whose create() returns the options', async () => {
    @Injectable()
    class ActkitOptionsFactory {
      create(): ActkitModuleOptions {
        return { apiKey: 'key-from-settings', baseUrl: emulator.url };
      }
    }
    running = await startApp(ActkitModule.forRootAsync({ useClass: ActkitOptionsFactory }));
    const client = running.app.get<ActkitClient>(ACTKIT_CLIENT);
    const { id } = await client.characterPerformance.create(validInput as never);
    expect((await client.tasks.retrieve(id)).status).toEqual(expect.any(String));
  });
});

describe('forRoot', () => {
  it('provides the given client as is', async () => {
    const client = createActkitClient({ apiKey: 'key-from-settings', baseUrl: emulator.url });
    running = await startApp(ActkitModule.forRoot({ client }));
    expect(running.app.get(ACTKIT_CLIENT)).toBe(client);
  });

  it('adds no routes without a routePrefix: the contract paths are Nest 404s and nothing goes upstream', async () => {
    running = await startApp(ActkitModule.forRoot({ apiKey: 'key-from-settings', baseUrl: emulator.url }));
    const before = emulator.stats.requests;
    for (const path of ['/character-performances', '/api/actkit/character-performances']) {
      const answer = await call(`${running.url}${path}`, { body: validInput, headers: { 'x-user': 'ada' } });
      expect(answer.status).toBe(404);
      expect(answer.headers.get('content-type')).not.toContain('problem');
    }
    expect((await call(`${running.url}/api/actkit/tasks/anything`)).status).toBe(404);
    expect(emulator.stats.requests).toBe(before);
  });

  it('refuses to start routes without authorize (never an open proxy)', async () => {
    await expect(
      NestFactory.create(
        ActkitModule.forRoot({ apiKey: 'k', baseUrl: emulator.url, secret: handleSecret, routePrefix: 'a' }),
        { logger: false, abortOnError: false },
      ),
    ).rejects.toThrow(/authorize/);
  });
});

describe('isGlobal', () => {
  @Injectable()
  class Renders {
    constructor(@InjectActkit() readonly actkit: ActkitClient) {}
  }
  // A feature module that injects the client without importing ActkitModule.
  @Module({ providers: [Renders], exports: [Renders] })
  class RendersModule {}

  const appWith = (isGlobal?: boolean) => {
    @Module({
      imports: [
        ActkitModule.forRoot({ apiKey: 'key-from-settings', baseUrl: emulator.url, isGlobal }),
        RendersModule,
      ],
    })
    class AppModule {}
    return AppModule;
  };

  it('is global by default: other modules inject the client without importing the module', async () => {
    const app = await NestFactory.createApplicationContext(appWith(), { logger: false });
    expect(app.get(Renders).actkit).toBe(app.get(ACTKIT_CLIENT));
    await app.close();
  });

  it('isGlobal: false keeps the client to modules that import ActkitModule', async () => {
    await expect(
      NestFactory.createApplicationContext(appWith(false), { logger: false, abortOnError: false }),
    ).rejects.toThrow(/dependencies of the Renders/);
  });

  it('isGlobal: false still provides the client where ActkitModule is imported', async () => {
    @Injectable()
    class Local {
      constructor(@Inject(ACTKIT_CLIENT) readonly actkit: ActkitClient) {}
    }
    @Module({
      imports: [ActkitModule.forRoot({ apiKey: 'k', baseUrl: emulator.url, isGlobal: false })],
      providers: [Local],
    })
    class LocalModule {}
    const app = await NestFactory.createApplicationContext(LocalModule, { logger: false });
    expect(app.get(Local).actkit.tasks.retrieve).toEqual(expect.any(Function));
    await app.close();
  });
});
