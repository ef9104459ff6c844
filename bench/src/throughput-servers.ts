// Child process of the "adapter throughput" metric: the servers under load, away from the load generator's
// event loop. Prints one JSON line { bare, express, nest, nestBare, hono, honoBare, honoBareAsync } with their base URLs, then
// serves until killed. `nestBare` is a Nest app answering the fixed body from a controller: Nest's own cost,
// the ceiling of any Nest adapter; `honoBare` the same for Hono. argv[2]: the emulator (upstream) URL, itself
// in another process, as CometAPI would be.
import 'reflect-metadata';
import { createActkitClient } from '@actkit/core';
import { ActkitModule } from '@actkit/nestjs';
import { All, Controller, Module, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { handlerOptions, listen, startActkitExpress } from './express-app.js';
import { startActkitHono, startBareHono } from './hono-app.js';
import { apiKey } from './inputs.js';

const client = createActkitClient({ apiKey, baseUrl: process.argv[2] });

const actkitExpress = await startActkitExpress(client);

// The baseline: Express answering a fixed body of the same size and headers as our route's answer
// (the parent sets it with POST /body once it has read one from the actkit route).
let body = '{}';
const bareApp = express();
bareApp.post('/body', express.text({ type: '*/*' }), (req, res) => {
  body = req.body as string;
  res.status(204).end();
});
bareApp.get('/api/actkit/tasks/:handle', (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
});
const bare = await listen(bareApp);

// Nest's decorators applied as calls: this file runs through tsx (esbuild), which emits standard decorators.
async function listenNest(module: object): Promise<string> {
  const app = await NestFactory.create<NestExpressApplication>(module, { logger: false });
  await app.listen(0, '127.0.0.1');
  return (await app.getUrl()).replace('[::1]', '127.0.0.1');
}
class AppModule {}
Module({ imports: [ActkitModule.forRoot({ client, routePrefix: 'api/actkit', ...handlerOptions })] })(
  AppModule,
);
// The same route shape as the actkit controller (`@All('*path')` under the prefix, writing to `@Res()`).
class BareController {
  serve(res: express.Response) {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
  }
}
Controller('api/actkit')(BareController);
All('*path')(
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
  nest: await listenNest(AppModule),
  nestBare: await listenNest(BareModule),
  hono: (await startActkitHono(client)).url,
  honoBare: (await startBareHono(() => body)).url,
  honoBareAsync: (await startBareHono(() => body, { async: true })).url,
};
process.stdout.write(`${JSON.stringify(urls)}\n`);
