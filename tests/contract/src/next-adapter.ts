// A real Next.js 16 app (tests/next-app, built once) serving the contract through @actkit/next's route
// handlers, started with `next start` as a child process per instance. The app cannot take the suite's
// functions: it builds the same client from `remote.upstream` (through the stack's relay to the emulator),
// applies the suite's authorize rule to the `remote.ownerHeader` header, and gets every other handler option
// as JSON.
import type { ActkitHandlerOptions } from '@actkit/core/server';
import { startNextApp, type TestAppConfig } from 'actkit-next-app/harness';
import type { AdapterStartOptions, ContractAdapter, RunningAdapter } from './adapter.js';

/** The route folder of the test app: app/api/actkit/[...actkit]/route.ts. */
const routePath = '/api/actkit';

/**
 * The handler options that are plain data. `client` and `onError` cross as what they mean (the client's key;
 * a URL the app reports errors to); anything else (a store) cannot cross to the app.
 */
function plainHandlerOptions(options: Partial<ActkitHandlerOptions>): TestAppConfig['handler'] {
  const {
    secret,
    limits,
    pollIntervalMs,
    heartbeatMs,
    maxBodyBytes,
    maxStaleMs,
    maxCachedTasks,
    client: _client,
    authorize: _authorize,
    onError: _onError,
    ...rest
  } = options;
  const unsupported = Object.keys(rest);
  if (unsupported.length > 0) throw new Error(`the Next.js adapter cannot pass ${unsupported.join(', ')}`);
  if (secret !== undefined && typeof secret !== 'string') {
    throw new Error('the Next.js adapter needs a string secret (or none: derived from the client key)');
  }
  return { secret, limits, pollIntervalMs, heartbeatMs, maxBodyBytes, maxStaleMs, maxCachedTasks };
}

export function nextAdapter(name: string, options: { runtime?: 'nodejs' | 'edge' } = {}): ContractAdapter {
  const prefix = options.runtime === 'edge' ? '/edge' : '';
  return {
    name,
    remote: true,
    async start({ mountPath, remote, ...handler }: AdapterStartOptions): Promise<RunningAdapter> {
      if (!remote) throw new Error('the Next.js adapter runs the app in another process: set remote: true');
      if (mountPath !== routePath) throw new Error(`the test app serves the contract at ${routePath} only`);
      const app = await startNextApp({
        config: {
          upstream: { ...remote.upstream, apiKey: remote.apiKeyOf(handler.client) ?? remote.upstream.apiKey },
          handler: plainHandlerOptions(handler),
          owner: { header: remote.ownerHeader },
          ...(handler.onError ? { reportErrorsTo: remote.reporter(handler.onError) } : {}),
        },
        warm: [`${prefix}${mountPath}`],
      });
      return { url: `${app.origin}${prefix}${mountPath}`, close: () => app.stop() };
    },
  };
}
