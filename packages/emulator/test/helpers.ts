import { expect } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../src/index.js';

export const VERSION = '2024-11-06';
export const AUTH = { authorization: 'Bearer test-key', 'x-runway-version': VERSION };

/** A create body that passes the spec; pass overrides to break or tweak one field. */
export function validBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    character: { type: 'image', uri: 'https://assets.example.com/character.png' },
    reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
    bodyControl: true,
    expressionIntensity: 3,
    seed: 4294967295,
    model: 'act_two',
    ratio: '1280:720',
    contentModeration: { publicFigureThreshold: 'auto' },
    ...overrides,
  };
}

/** What a read hands out for a finished task's video: its path, signed like an S3 presigned URL. */
export const signedOutput = (emu: Emulator, id: string) =>
  expect.stringMatching(
    new RegExp(
      `^${emu.url}/outputs/${id}\\.mp4\\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=\\d{8}T\\d{6}Z&X-Amz-Expires=\\d+&X-Amz-Signature=[0-9a-f]{64}$`,
    ),
  );

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts an emulator for one test file and closes it afterwards (call inside describe or at top level). */
export async function withEmulator<T>(
  options: EmulatorOptions,
  fn: (emu: Emulator) => Promise<T>,
): Promise<T> {
  const emu = await startEmulator({ quiet: true, ...options });
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON
  json: any;
}

async function toJson(res: Response): Promise<JsonResponse> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

export async function create(
  emu: Emulator,
  body: unknown = validBody(),
  options: { prefix?: string; headers?: Record<string, string>; raw?: string; signal?: AbortSignal } = {},
): Promise<JsonResponse> {
  const res = await fetch(`${emu.url}${options.prefix ?? '/runwayml'}/v1/character_performance`, {
    method: 'POST',
    headers: { ...AUTH, 'content-type': 'application/json', ...options.headers },
    body: options.raw ?? JSON.stringify(body),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return toJson(res);
}

export async function getTask(
  emu: Emulator,
  id: string,
  options: { prefix?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse> {
  const res = await fetch(`${emu.url}${options.prefix ?? '/runwayml'}/v1/tasks/${id}`, {
    headers: { ...AUTH, ...options.headers },
  });
  return toJson(res);
}

export async function deleteTask(emu: Emulator, id: string, prefix = ''): Promise<JsonResponse> {
  const res = await fetch(`${emu.url}${prefix}/v1/tasks/${id}`, { method: 'DELETE', headers: AUTH });
  return toJson(res);
}

/** The bare task whatever the shape (the wrapped envelope nests it in data.data). */
// biome-ignore lint/suspicious/noExplicitAny: tests inspect arbitrary JSON
export function bare(json: any): any {
  return json?.code === 'success' ? json.data.data : json;
}

/** Polls the native route (always bare, never task_not_exist) until the status is one of `statuses`. */
export async function waitForStatus(emu: Emulator, id: string, statuses: string[], timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await getTask(emu, id, { prefix: '' });
    if (statuses.includes(res.json?.status)) return res.json;
    if (Date.now() > deadline) throw new Error(`task ${id} still ${res.json?.status}, wanted ${statuses}`);
    await sleep(25);
  }
}
