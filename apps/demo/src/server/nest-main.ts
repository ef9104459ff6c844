// `pnpm --filter actkit-demo start:nest`: the NestJS flavour on PORT (default 3000).
import { readDemoConfig } from './demo-config.js';
import { startupMessage } from './demo-info.js';
import { startNestDemoServer } from './start-nest-demo-server.js';

const demo = await startNestDemoServer(readDemoConfig());
console.log(startupMessage(demo.url, demo.info, demo.upstream.emulator?.url, demo.stateWhere));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demo.close().then(() => process.exit(0));
  });
}
