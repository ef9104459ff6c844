// A real Nest 12 app (Express platform) serving the contract through @actkit/nestjs, the way its README
// tells users to: ActkitModule.forRoot with a routePrefix, Nest's JSON parser kept off the actkit routes,
// the app's own controller with ActkitExceptionFilter, listen on a port. (The suite compiles without
// decorator syntax, so the controller's decorators are applied as the functions they are.)
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActkitClient } from '@actkit/core';
import type { CharacterPerformanceInput } from '@actkit/core/server';
import { ActkitExceptionFilter, ActkitModule, jsonBodiesOutside } from '@actkit/nestjs';
import { Body, Controller, Module, Post, UseFilters } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AdapterStartOptions, ContractAdapter, RunningAdapter } from './adapter.js';
import { appPath } from './express-adapter.js';

/** The app's own route: creates through the client; what it throws goes to ActkitExceptionFilter. */
function appController(client: AdapterStartOptions['client']) {
  class AppRendersController {
    async start(input: CharacterPerformanceInput) {
      return { id: (await client.characterPerformance.create(input)).id };
    }
  }
  const start = Object.getOwnPropertyDescriptor(AppRendersController.prototype, 'start');
  if (!start) throw new Error('no start method');
  Post('renders')(AppRendersController.prototype, 'start', start);
  Body()(AppRendersController.prototype, 'start', 0);
  UseFilters(ActkitExceptionFilter)(AppRendersController);
  Controller(appPath.slice(1))(AppRendersController);
  return AppRendersController;
}

export function nestAdapter(name: string): ContractAdapter {
  return {
    name,
    appRoute: true,
    async start({ mountPath, client, ...options }: AdapterStartOptions): Promise<RunningAdapter> {
      class AppModule {}
      Module({
        // The suite's client is createActkitClient's; its type here is the handler's structural subset.
        imports: [
          ActkitModule.forRoot({ ...options, client: client as ActkitClient, routePrefix: mountPath }),
        ],
        controllers: [appController(client)],
      })(AppModule);
      const app = await NestFactory.create<NestExpressApplication>(AppModule, {
        logger: false,
        forceCloseConnections: true,
      });
      app.useBodyParser('json', { type: jsonBodiesOutside(mountPath) });
      await app.listen(0, '127.0.0.1');
      const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}${mountPath}`,
        appUrl: `http://127.0.0.1:${port}${appPath}`,
        close: () => app.close(),
      };
    },
  };
}
