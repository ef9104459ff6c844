// How a test configures the running app: one JSON environment variable, read when a route is first used.
// Shared by the app (lib/test-app.ts) and the harness that starts it (harness/start-next-app.ts).

/** The environment variable holding a `TestAppConfig` as JSON. */
export const testAppConfigVariable = 'ACTKIT_TEST_APP';

export interface TestAppConfig {
  /** The app's client: its key, the provider origin it believes in, and where requests to it really go. */
  upstream: {
    apiKey: string;
    /** The client's baseUrl (the provider origin a leak scan looks for). */
    baseUrl: string;
    /** When set, requests to `baseUrl` go here instead (the test's emulator or a relay to it on 127.0.0.1). */
    rewriteTo?: string;
  };
  /** The handler options that survive JSON. */
  handler: {
    /** Absent: the handler derives its handle secret from the client's key (`deriveSecret`). */
    secret?: string;
    limits?: { activeTasks?: number; createsPerMinute?: number; openStreams?: number };
    pollIntervalMs?: number;
    heartbeatMs?: number;
    maxBodyBytes?: number;
    maxStaleMs?: number;
    maxCachedTasks?: number;
  };
  /**
   * Who owns a request: `{ header }` the value of that request header (`forbidden` is refused with a 403, no
   * header → 401), or `{ fixed }` always that owner.
   */
  owner: { header: string } | { fixed: string };
  /**
   * When set, the handler's `onError` POSTs `{ name, message, status, code }` of every error it reports to
   * this URL (the test process collects what a browser never sees).
   */
  reportErrorsTo?: string;
}
