// What each vitest project provides to its tests (vitest.config.ts, vitest.react18.config.ts).
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    reactMajor: '18' | '19';
    /** The server the integration tests run against (test/helpers/actkit-app.ts); default express. */
    backend: 'express' | 'hono' | 'next';
  }
}
