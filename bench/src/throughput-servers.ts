// Child process of the "adapter throughput" metric: the servers under load, away from the load generator's
// event loop. Prints one JSON line with their base URLs ({ bare, express, nest, nestBare, fastify,
// fastifyBare, nestFastify, nestFastifyBare, hono, honoBare, honoBareAsync }), then serves until killed. Each framework's "bare" server
// answers the same fixed body from its own handler: the framework's own cost, the ceiling of any adapter on
// it; a bare Nest app answers from a controller shaped like ours, on the same platform. argv[2]: the emulator
// (upstream) URL, itself in another process, as CometAPI would be.
import 'reflect-metadata';
import { createActkitClient } from '@actkit/core';
import { actkitPlugin } from '@actkit/fastify';
import { ActkitModule } from '@actkit/nestjs';
import { All, Controller, Module, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { handlerOptions, listen, mount, startActkitExpress } from './express-app.js';
import { startActkitHono, startBareHono } from './hono-app.js';
import { apiKey } from './inputs.js';

const client = createActkitClient({ apiKey, baseUrl: process.argv[2] });

const actkitExpress = await startActkitExpress(client);

// The baseline: Express answering a fixed body of the same size and headers as our route's answer
// (the parent sets it with POST /body once it has read one from the actkit route).
let body = '{}';
const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
const bareApp = express();
bareApp.post('/body', express.text({ type: '*/*' }), (req, res) => {
  body = req.body as string;
  res.status(204).end();
});
bareApp.get('/api/actkit/tasks/:handle', (_req, res) => {
  res.writeHead(200, headers).end(body);
});
const bare = await listen(bareApp);

/** Fastify on 127.0.0.1 at a free port; resolves its base URL. */
async function listenFastify(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}
const actkitFastify = Fastify();
await actkitFastify.register(actkitPlugin, { prefix: mount, client, ...handlerOptions });
// Fastify's own baseline: the same body and headers from a route handler, through reply.send.
const bareFastify = Fastify();
bareFastify.get('/api/actkit/tasks/:handle', (_request, reply) => {
  reply.headers(headers).send(body);
});

// Nest's decorators applied as calls: this file runs through tsx (esbuild), which emits standard decorators.
async function listenNest(module: object, platform: 'express' | 'fastify'): Promise<string> {
  const app =
    platform === 'fastify'
      ? await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter(), { logger: false })
      : await NestFactory.create<NestExpressApplication>(module, { logger: false });
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}
class AppModule {}
Module({ imports: [ActkitModule.forRoot({ client, routePrefix: 'api/actkit', ...handlerOptions })] })(
  AppModule,
);
// The same route shape as the actkit controller (`@All('tasks/:handle')` under the prefix, writing to
// `@Res()`): Node's response on Express, the FastifyReply on Fastify.
type NestResponse = express.Response | { headers(h: object): { send(body: string): unknown } };
class BareController {
  serve(res: NestResponse) {
    if ('writeHead' in res) res.writeHead(200, headers).end(body);
    else res.headers(headers).send(body);
  }
}
Controller('api/actkit')(BareController);
All('tasks/:handle')(
  BareController.prototype,
  'serve',
  Object.getOwnPropertyDescriptor(BareController.prototype, 'serve')!,
);
Res()(BareController.prototype, 'serve', 0);
class BareModule {}
Module({ controllers: [BareController] })(BareModule);

const urls = {
  bare: bare.url,
  express: actkitExpress.url,
  nest: await listenNest(AppModule, 'express'),
  nestBare: await listenNest(BareModule, 'express'),
  fastify: await listenFastify(actkitFastify),
  fastifyBare: await listenFastify(bareFastify),
  nestFastify: await listenNest(AppModule, 'fastify'),
  nestFastifyBare: await listenNest(BareModule, 'fastify'),
  hono: (await startActkitHono(client)).url,
  honoBare: (await startBareHono(() => body)).url,
  honoBareAsync: (await startBareHono(() => body, { async: true })).url,
};
process.stdout.write(`${JSON.stringify(urls)}\n`);
