// The contract route the test suites drive: @actkit/next on the Node.js runtime, configured by the harness.
import { createActkitRouteHandlers } from '@actkit/next';
import { testAppOptions } from '../../../../lib/test-app';

export const runtime = 'nodejs';

export const { GET, POST } = createActkitRouteHandlers(testAppOptions);
