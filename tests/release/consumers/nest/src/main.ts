// A Nest 12 app using @actkit/nestjs as its README shows: ActkitModule.forRootAsync with a routePrefix (so it
// serves the browser contract; the module keeps Nest's body parsers off those routes itself), and the client
// injected into the app's own controller with @InjectActkit(). Compiled by tsc (decorators), run by
// Node. Prints "listening on http://127.0.0.1:PORT" once it accepts connections.
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { ActkitClient } from '@actkit/core';
import { ActkitModule, InjectActkit } from '@actkit/nestjs';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';

@Controller('health')
class HealthController {
  constructor(@InjectActkit() private readonly actkit: ActkitClient) {}

  @Get()
  health(): { client: boolean } {
    return { client: typeof this.actkit.tasks.retrieve === 'function' };
  }
}

/** A real app reads its session; here the caller names itself in a header. */
const userFromHeader = (req: unknown): string | undefined => {
  const user = (req as { headers: Record<string, string | string[] | undefined> }).headers['x-user'];
  return typeof user === 'string' ? user : undefined;
};

@Module({
  imports: [
    ActkitModule.forRootAsync({
      routePrefix: 'api/actkit',
      useFactory: () => ({
        apiKey: 'sk-consumer-test',
        baseUrl: process.env.ACTKIT_BASE_URL,
        authorize: userFromHeader,
        secret: 'consumer-test-secret-of-32-bytes!',
        pollIntervalMs: 100,
      }),
    }),
  ],
  controllers: [HealthController],
})
class AppModule {}

const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: ['error'] });
app.enableShutdownHooks();
await app.listen(0, '127.0.0.1');
const address = app.getHttpServer().address() as AddressInfo;
console.log(`listening on http://127.0.0.1:${address.port}`);
