// A real Nest app (Express platform) on 127.0.0.1 for the tests, plus the browser's side of one request.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

export interface RunningApp {
  app: NestExpressApplication;
  url: string;
  close(): Promise<void>;
}

export async function startApp(
  root: Type | DynamicModule,
  configure: (app: NestExpressApplication) => void = () => {},
): Promise<RunningApp> {
  const app = await NestFactory.create<NestExpressApplication>(root, {
    logger: false,
    forceCloseConnections: true,
  });
  configure(app);
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON answers
  json: any;
  text: string;
}

/** One request; an object body is sent as JSON, a string as is (with `contentType`). */
export async function call(
  url: string,
  options: { method?: string; body?: unknown; contentType?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const response = await fetch(url, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, json, text };
}

export const validInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

/** The tests' authorize: the owner is the `x-user` header. */
export const authorizeByHeader = (req: unknown) =>
  (req as { headers: Record<string, string | undefined> }).headers['x-user'];

export const handleSecret = 'nestjs-test-handle-secret-32-bytes-long!';
