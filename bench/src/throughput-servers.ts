// Child process of the "adapter throughput" metric: the three servers under load, away from the load
// generator's event loop. Prints one JSON line { bare, express, nest } with their base URLs, then serves
// until killed. `cached` is the read-cache proposal (read-cache.ts). argv[2]: the emulator (upstream) URL, itself in another process, as CometAPI would be.
import 'reflect-metadata';
import { createActkitClient } from '@actkit/core';
import { ActkitModule } from '@actkit/nestjs';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import { handlerOptions, listen, startActkitExpress } from './express-app.js';
import { apiKey } from './inputs.js';
import { withReadCache } from './read-cache.js';

const client = createActkitClient({ apiKey, baseUrl: process.argv[2] });

const actkitExpress = await startActkitExpress(client);
const cachedExpress = await startActkitExpress(withReadCache(client, 1000));

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

// Nest's decorator applied as a call: this file runs through tsx (esbuild), which emits standard decorators.
class AppModule {}
Module({ imports: [ActkitModule.forRoot({ client, routePrefix: 'api/actkit', ...handlerOptions })] })(
  AppModule,
);
const nest = await NestFactory.create<NestExpressApplication>(AppModule, { logger: false });
await nest.listen(0, '127.0.0.1');
const nestUrl = (await nest.getUrl()).replace('[::1]', '127.0.0.1');

process.stdout.write(
  `${JSON.stringify({ bare: bare.url, express: actkitExpress.url, nest: nestUrl, cached: cachedExpress.url })}\n`,
);
