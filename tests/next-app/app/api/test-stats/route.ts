// Test-only: what the Node.js runtime of this app holds right now, so a test in another process can prove that
// event streams released their watcher (active upstream loops) and left no timer behind.
import { testAppStore } from '../../../lib/test-app';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(): Response {
  const resources: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) resources[type] = (resources[type] ?? 0) + 1;
  return Response.json({ activeLoops: testAppStore().watchers.activeLoops(), resources });
}
