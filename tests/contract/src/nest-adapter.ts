// A real Nest 12 app serving the contract through @actkit/nestjs, the way its README tells users to:
// ActkitModule.forRoot with a routePrefix, listen on a port. On the Express platform or on Fastify
// (@nestjs/platform-fastify); the module keeps body parsers off its routes by itself on both.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ActkitClient } from '@actkit/core';
import { ActkitModule } from '@actkit/nestjs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { AdapterStartOptions, ContractAdapter, RunningAdapter } from './adapter.js';

export function nestAdapter(name: string, platform: 'express' | 'fastify' = 'express'): ContractAdapter {
  return {
    name,
    async start({ mountPath, client, ...options }: AdapterStartOptions): Promise<RunningAdapter> {
      // The suite's client is createActkitClient's; its type here is the handler's structural subset.
      const module = ActkitModule.forRoot({
        ...options,
        client: client as ActkitClient,
        routePrefix: mountPath,
      });
      const appOptions = { logger: false as const, forceCloseConnections: true };
      const app =
        platform === 'fastify'
          ? await NestFactory.create(module, new FastifyAdapter(), appOptions)
          : await NestFactory.create(module, appOptions);
      await app.listen(0, '127.0.0.1');
      const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}${mountPath}`,
        close: () => app.close(),
      };
    },
  };
}
