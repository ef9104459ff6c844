// The route options of the test app, from ACTKIT_TEST_APP (see test-app-config.ts). The handler's store is
// kept on globalThis so the stats route (another route module) reads the same one.
import { createActkitClient } from '@actkit/core';
import { type ActkitStore, createMemoryStore } from '@actkit/core/server';
import type { ActkitRouteHandlersOptions } from '@actkit/next';
import { type TestAppConfig, testAppConfigVariable } from './test-app-config';

const storeKey = Symbol.for('actkit.next-app.store');

/** The store the contract route uses in this process (one per runtime: Node.js and Edge have their own). */
export const testAppStore = (): ActkitStore => {
  const global = globalThis as { [storeKey]?: ActkitStore };
  global[storeKey] ??= createMemoryStore();
  return global[storeKey];
};

function readConfig(): TestAppConfig {
  const text = process.env[testAppConfigVariable];
  if (!text) throw new Error(`${testAppConfigVariable} is not set: start the app through the test harness`);
  return JSON.parse(text) as TestAppConfig;
}

/** The fetch of the app's client: requests to the provider origin go to `rewriteTo` (the test's emulator). */
function rewritingFetch(from: string, to: string): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.startsWith(from)) return fetch(request);
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    return fetch(to + request.url.slice(from.length), {
      method: request.method,
      headers: request.headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      signal: request.signal,
    });
  };
}

/** Sends what `onError` got to the test process (fire and forget: a reporter must never fail a request). */
function reportError(url: string, error: unknown): void {
  const { name, message, status, code } = (error ?? {}) as Record<string, unknown>;
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, message, status, code }),
  }).catch(() => {});
}

export function testAppOptions(): ActkitRouteHandlersOptions {
  const { upstream, handler, owner, reportErrorsTo } = readConfig();
  const client = createActkitClient({
    apiKey: upstream.apiKey,
    baseUrl: upstream.baseUrl,
    maxRetries: 0,
    ...(upstream.rewriteTo ? { fetch: rewritingFetch(upstream.baseUrl, upstream.rewriteTo) } : {}),
  });
  return {
    ...handler,
    client,
    store: testAppStore(),
    ...(reportErrorsTo ? { onError: (error: unknown) => reportError(reportErrorsTo, error) } : {}),
    authorize: (request) => {
      if ('fixed' in owner) return owner.fixed;
      const user = request.headers.get(owner.header);
      if (user === 'forbidden') throw Object.assign(new Error('not on the allow list'), { status: 403 });
      return user;
    },
  };
}
