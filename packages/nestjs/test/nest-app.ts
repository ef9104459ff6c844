// A real Nest app on 127.0.0.1 for the tests, on either platform (Express or Fastify), plus the browser's
// side of one request.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

export type Platform = 'express' | 'fastify';
export const platforms: Platform[] = ['express', 'fastify'];

export interface RunningApp<App extends INestApplication = NestExpressApplication> {
  app: App;
  url: string;
  close(): Promise<void>;
}

/** Creates the app on `platform` (not listening yet): Express by default, as Nest does. */
export function createApp(
  root: Type | DynamicModule,
  platform: Platform = 'express',
): Promise<INestApplication> {
  const options = { logger: false as const, forceCloseConnections: true };
  return platform === 'fastify'
    ? NestFactory.create<NestFastifyApplication>(root, new FastifyAdapter(), options)
    : NestFactory.create<NestExpressApplication>(root, options);
}

export async function startApp<App extends INestApplication = NestExpressApplication>(
  root: Type | DynamicModule,
  configure: (app: App) => void = () => {},
  platform: Platform = 'express',
): Promise<RunningApp<App>> {
  const app = (await createApp(root, platform)) as App;
  configure(app);
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export { type Answer, call } from '../../core/test/http-call.js';

export const validInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

/** The tests' authorize: the owner is the `x-user` header. */
export const authorizeByHeader = (req: unknown) =>
  (req as { headers: Record<string, string | undefined> }).headers['x-user'];

export const handleSecret = 'nestjs-test-handle-secret-32-bytes-long!';
