// The same contract route on the Edge runtime (Next's edge sandbox under `next start`): what the repository
// found about it is in packages/next/README.md ("Runtime").
import { createActkitRouteHandlers } from '@actkit/next';
import { testAppOptions } from '../../../../../lib/test-app';

export const runtime = 'edge';

export const { GET, POST } = createActkitRouteHandlers(testAppOptions);
