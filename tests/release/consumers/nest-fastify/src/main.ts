// A Nest 12 app on @nestjs/platform-fastify using @actkit/nestjs as its README shows: ActkitModule.forRoot
// with a routePrefix under a global prefix and URI versioning, no line for request bodies. Compiled by tsc
// (decorators), run by Node. Prints "listening on http://127.0.0.1:PORT" once it accepts connections.
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { ActkitModule } from '@actkit/nestjs';
import { Module, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

/** A real app reads its session; here the caller names itself in a header. */
const userFromHeader = (req: unknown): string | undefined => {
  const user = (req as { headers: Record<string, string | string[] | undefined> }).headers['x-user'];
  return typeof user === 'string' ? user : undefined;
};

@Module({
  imports: [
    ActkitModule.forRoot({
      apiKey: 'sk-consumer-test',
      baseUrl: process.env.ACTKIT_BASE_URL,
      routePrefix: 'actkit',
      authorize: userFromHeader,
      secret: 'consumer-test-secret-of-32-bytes!',
      pollIntervalMs: 100,
    }),
  ],
})
class AppModule {}

const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), {
  logger: ['error'],
});
app.setGlobalPrefix('api');
app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
app.enableShutdownHooks();
await app.listen(0, '127.0.0.1');
const address = app.getHttpServer().address() as AddressInfo;
console.log(`listening on http://127.0.0.1:${address.port}`);
