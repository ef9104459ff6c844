// A real Nest 12 app (Express platform) serving the contract through @actkit/nestjs, the way its README
// tells users to: ActkitModule.forRoot with a routePrefix, Nest's JSON parser kept off the actkit routes,
// listen on a port.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActkitClient } from '@actkit/core';
import { ActkitModule, jsonBodiesOutside } from '@actkit/nestjs';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AdapterStartOptions, ContractAdapter, RunningAdapter } from './adapter.js';

export function nestAdapter(name: string): ContractAdapter {
  return {
    name,
    async start({ mountPath, client, ...options }: AdapterStartOptions): Promise<RunningAdapter> {
      const app = await NestFactory.create<NestExpressApplication>(
        // The suite's client is createActkitClient's; its type here is the handler's structural subset.
        ActkitModule.forRoot({ ...options, client: client as ActkitClient, routePrefix: mountPath }),
        { logger: false, forceCloseConnections: true },
      );
      app.useBodyParser('json', { type: jsonBodiesOutside(mountPath) });
      await app.listen(0, '127.0.0.1');
      const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}${mountPath}`,
        close: () => app.close(),
      };
    },
  };
}
