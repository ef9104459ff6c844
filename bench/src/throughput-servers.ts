// Child process of the "adapter throughput" metric: ONE framework's servers under load, away from the load
// generator's event loop and from the other frameworks (one process per framework, as an app runs one; the
// adapter and its own bare server share this process and its JIT state, and only one is loaded at a time).
// argv[2]: the emulator (upstream) URL, itself in another process, as CometAPI would be; argv[3]: the group
// (express, fastify, nest-express, nest-fastify, hono); argv[4]: the fixed body the bare servers answer (the
// express group learns it later through POST /body, as it is read from its own actkit route). Prints one
// JSON line with the group's base URLs (e.g. { fastify, fastifyBare }), then serves until killed. Each
// framework's "bare" server answers the same fixed body from its own handler: the framework's own cost, the
// ceiling of any adapter on it; a bare Nest app answers from a controller shaped like ours, on the same
// platform.
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

const [, , upstream, group, givenBody] = process.argv;
const client = createActkitClient({ apiKey, baseUrl: upstream });

// The body every bare server answers: the same size and headers as our route's answer.
let body = givenBody ?? '{}';
const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };

/** Bare Express answering the fixed body; POST /body sets it (the parent reads one from the actkit route). */
async function startBareExpress(): Promise<string> {
  const bareApp = express();
  bareApp.post('/body', express.text({ type: '*/*' }), (req, res) => {
    body = req.body as string;
    res.status(204).end();
  });
  bareApp.get('/api/actkit/tasks/:handle', (_req, res) => {
    res.writeHead(200, headers).end(body);
  });
  return (await listen(bareApp)).url;
}

/** Fastify on 127.0.0.1 at a free port; resolves its base URL. */
async function listenFastify(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}
async function startActkitFastify(): Promise<string> {
  const app = Fastify();
  await app.register(actkitPlugin, { prefix: mount, client, ...handlerOptions });
  return listenFastify(app);
}
/** Fastify's own baseline: the same body and headers from a route handler, through reply.send. */
function startBareFastify(): Promise<string> {
  const app = Fastify();
  app.get('/api/actkit/tasks/:handle', (_request, reply) => {
    reply.headers(headers).send(body);
  });
  return listenFastify(app);
}

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

/** Each group's servers by the names the metric uses: an adapter and its own framework's bare server. */
const groups: Record<string, () => Promise<Record<string, string>>> = {
  express: async () => ({ bare: await startBareExpress(), express: (await startActkitExpress(client)).url }),
  fastify: async () => ({ fastify: await startActkitFastify(), fastifyBare: await startBareFastify() }),
  'nest-express': async () => ({
    nest: await listenNest(AppModule, 'express'),
    nestBare: await listenNest(BareModule, 'express'),
  }),
  'nest-fastify': async () => ({
    nestFastify: await listenNest(AppModule, 'fastify'),
    nestFastifyBare: await listenNest(BareModule, 'fastify'),
  }),
  hono: async () => ({
    hono: (await startActkitHono(client)).url,
    honoBare: (await startBareHono(() => body)).url,
    honoBareAsync: (await startBareHono(() => body, { async: true })).url,
  }),
};
const start = groups[group ?? ''];
if (!start) throw new Error(`throughput-servers: unknown group ${group}; one of ${Object.keys(groups)}`);
process.stdout.write(`${JSON.stringify(await start())}\n`);
