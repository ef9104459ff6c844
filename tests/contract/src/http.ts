// The browser's side of the contract, over real HTTP through the recording fetch.
import { recordingFetch } from './recorder.js';

export interface JsonAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: the suite inspects arbitrary JSON answers
  json: any;
}

export interface CallOptions {
  /** The suite's authorize reads this header: the owner id, 'forbidden' for 403, absent for 401. */
  user?: string;
  method?: string;
  /** An object is sent as JSON; a string is sent as is. */
  body?: unknown;
  contentType?: string;
}

export async function call(url: string, options: CallOptions = {}): Promise<JsonAnswer> {
  const headers: Record<string, string> = {};
  if (options.user !== undefined) headers['x-test-user'] = options.user;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const response = await recordingFetch(url, {
    method: options.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}
