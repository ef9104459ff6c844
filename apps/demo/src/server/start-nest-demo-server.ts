// Starts the NestJS flavour: the same page and the same behaviour as start-demo-server.ts, with
// @actkit/nestjs's ActkitModule instead of @actkit/express's router.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonBodiesOutside } from '@actkit/nestjs';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { browserSession } from './browser-session.js';
import type { DemoConfig } from './demo-config.js';
import { displayUrl } from './demo-info.js';
import { actkitRoutePrefix, demoModule } from './nest/demo-module.js';
import { webRoot as defaultWebRoot } from './package-paths.js';
import { type DemoServer, prepareDemo } from './prepare-demo.js';
import { webPage } from './web-page.js';

export async function startNestDemoServer(config: DemoConfig, webRoot = defaultWebRoot): Promise<DemoServer> {
  const prepared = await prepareDemo(config, 'NestJS');
  const app = await NestFactory.create<NestExpressApplication>(demoModule(prepared), {
    logger: ['error', 'warn'],
    // Open event streams must not hold app.close() up.
    forceCloseConnections: true,
  });
  // Nest's JSON parser stays off the actkit routes: the handler reads those bodies itself (its own limit,
  // 413/415 as problem+json).
  // biome-ignore lint/correctness/useHookAtTopLevel: Nest's method, not a React hook
  app.useBodyParser('json', { type: jsonBodiesOutside(actkitRoutePrefix) });
  app.use(browserSession);
  app.use(webPage(webRoot));
  await app.listen(config.port, config.host);
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return {
    url: displayUrl(config.host, port),
    info: prepared.info,
    upstream: prepared.upstream,
    stateWhere: prepared.state.where,
    async close() {
      await app.close(); // ActkitModule ends its event streams and upstream loops on destroy
      await prepared.state.close();
      await prepared.upstream.close();
    },
  };
}
