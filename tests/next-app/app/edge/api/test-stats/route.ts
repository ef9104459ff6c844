// Test-only: the upstream loops of the Edge runtime's contract route (the edge sandbox has its own globals, so
// its own store). The sandbox has no process resource list.
import { testAppStore } from '../../../../lib/test-app';

export const runtime = 'edge';
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ activeLoops: testAppStore().watchers.activeLoops(), resources: {} });
}
