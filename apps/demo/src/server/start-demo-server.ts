// Starts the Express flavour: upstream (emulator or CometAPI), app, HTTP server. Used by main.ts and the tests.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDemoApp } from './create-demo-app.js';
import type { DemoConfig } from './demo-config.js';
import { displayUrl } from './demo-info.js';
import { webRoot as defaultWebRoot } from './package-paths.js';
import { type DemoServer, prepareDemo } from './prepare-demo.js';

export type { DemoServer };

export async function startDemoServer(config: DemoConfig, webRoot = defaultWebRoot): Promise<DemoServer> {
  const { upstream, info, samples, state } = await prepareDemo(config, 'Express');
  const { app, close } = createDemoApp({ upstream, info, samples, state, webRoot });
  const server: Server = app.listen(config.port, config.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: displayUrl(config.host, port),
    info,
    upstream,
    stateWhere: state.where,
    async close() {
      await close(); // ends open event streams first, so server.close() is not kept waiting by them
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await state.close();
      await upstream.close();
    },
  };
}
