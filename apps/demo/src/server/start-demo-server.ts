// Starts the Express flavour: upstream (emulator or CometAPI), app, HTTP server. Used by main.ts and the tests.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoInfo } from '../shared/demo-api.js';
import { createDemoApp } from './create-demo-app.js';
import type { DemoConfig } from './demo-config.js';
import { demoInfo, displayUrl } from './demo-info.js';
import { webRoot as defaultWebRoot } from './package-paths.js';
import { loadSampleAssets } from './sample-assets.js';
import { startUpstream, type Upstream } from './upstream.js';

export interface DemoServer {
  url: string;
  info: DemoInfo;
  upstream: Upstream;
  close(): Promise<void>;
}

export async function startDemoServer(config: DemoConfig, webRoot = defaultWebRoot): Promise<DemoServer> {
  const upstream = await startUpstream(config);
  const info = demoInfo(upstream, config, 'Express');
  const { app, close } = createDemoApp({ upstream, info, samples: await loadSampleAssets(), webRoot });
  const server: Server = app.listen(config.port, config.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: displayUrl(config.host, port),
    info,
    upstream,
    async close() {
      await close(); // ends open event streams first, so server.close() is not kept waiting by them
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await upstream.close();
    },
  };
}
