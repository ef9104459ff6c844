// A real Nest 12 app serving the contract through @actkit/nestjs, the way its README tells users to:
// ActkitModule.forRoot with a routePrefix, the app's own controller with ActkitExceptionFilter, listen on a
// port. On the Express platform or on Fastify (@nestjs/platform-fastify); the module keeps body parsers off
// its routes by itself on both. (The suite compiles without decorator syntax, so the controller's decorators
// are applied as the functions they are.)
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActkitClient } from '@actkit/core';
import type { CharacterPerformanceInput } from '@actkit/core/server';
import { ActkitExceptionFilter, ActkitModule } from '@actkit/nestjs';
import { Body, Controller, Module, Post, UseFilters } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
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

export function nestAdapter(name: string, platform: 'express' | 'fastify' = 'express'): ContractAdapter {
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
      const appOptions = { logger: false as const, forceCloseConnections: true };
      const app =
        platform === 'fastify'
          ? await NestFactory.create(AppModule, new FastifyAdapter(), appOptions)
          : await NestFactory.create(AppModule, appOptions);
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
