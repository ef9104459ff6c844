// `pnpm --filter actkit-demo start`: the Express flavour on PORT (default 3000).
import { readDemoConfig } from './demo-config.js';
import { startupMessage } from './demo-info.js';
import { startDemoServer } from './start-demo-server.js';

const demo = await startDemoServer(readDemoConfig());
console.log(startupMessage(demo.url, demo.info, demo.upstream.emulator?.url, demo.stateWhere));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demo.close().then(() => process.exit(0));
  });
}
