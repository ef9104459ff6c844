import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, controlRoute } from './control-routes.js';
import { cometError, sendError } from './errors.js';
import {
  htmlPage,
  REDIRECT_BODY,
  REDIRECT_LOCATION,
  sendReplyFault,
  statusFaultReply,
} from './fault-replies.js';
import { FaultQueue, type RouteClass } from './faults.js';
import { readBody, sendEmpty, sendJson } from './http-io.js';
import { resolveOptions } from './options.js';
import { serveVideo } from './output-video.js';
import { createTask, deleteTask, getTask, type ProviderContext } from './provider-routes.js';
import type { Reply } from './reply.js';
import { type MatchedRoute, matchRoute } from './routes.js';
import { createOutputSigner, outputDenialXml } from './signed-outputs.js';
import { outputPath } from './task-shapes.js';
import { TaskStore } from './task-store.js';
import type { Emulator, EmulatorOptions, EmulatorStats, Fault } from './types.js';
import { MAX_CREATE_BODY_BYTES } from './validate-assets.js';

const OUTPUT_FILE = /^([0-9a-f-]{36})\.mp4$/;

/** Starts a local CometAPI / Runway server. Resolves once it listens; `url` then holds the real port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const opts = resolveOptions(options);
  const store = new TaskStore(opts.concurrency, opts.taskMs);
  const faults = new FaultQueue();
  const stats: EmulatorStats = { tasksCreated: 0, requests: 0, byRoute: {} };
  // Delayed answers (latency faults) are the only timers; close() clears them.
  const timers = new Set<NodeJS.Timeout>();
  let url = '';

  const signer = createOutputSigner(opts.outputTtlMs);
  const provider: ProviderContext = {
    options: opts,
    store,
    outputUrl: (id) => signer.sign(url, outputPath(id)),
    onTaskCreated: () => {
      stats.tasksCreated++;
    },
  };

  const emulator: Emulator = {
    get url() {
      return url;
    },
    stats,
    inject: (fault: Fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    task: (id: string) => store.info(id),
    resetStats: () => {
      stats.tasksCreated = 0;
      stats.requests = 0;
      for (const key of Object.keys(stats.byRoute)) delete stats.byRoute[key];
    },
    close: () => close(),
  };

  const send = (res: ServerResponse, reply: Reply) => {
    if (reply.json === undefined) sendEmpty(res, reply.status, reply.headers);
    else sendJson(res, reply.status, reply.json, reply.headers);
  };

  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const pathname = new URL(req.url ?? '/', 'http://emulator').pathname;

    if (pathname.startsWith(CONTROL_PREFIX)) {
      const body = await readBody(req);
      if (!body.ok) return sendError(res, 413, 'body: too large', 'body', 'request_too_large');
      return send(res, controlRoute(req, pathname, body.text, { ...emulator, faults: () => faults.pending }));
    }

    stats.requests++;
    const route = matchRoute(method, pathname);
    stats.byRoute[route.key] = (stats.byRoute[route.key] ?? 0) + 1;
    if (!opts.quiet) logWhenDone(req, res, route.key);

    const fault = faults.take(routeClass(route));
    // Faults that answer before any work is done: nothing is created, the body is not even read.
    if (fault?.kind === 'reset' && fault.when === 'before') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'html') {
      const status = fault.status ?? 502;
      const page = htmlPage(status);
      res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) });
      res.end(page);
      return;
    }
    if (fault?.kind === 'redirect') {
      res.writeHead(301, {
        location: REDIRECT_LOCATION,
        'content-type': 'text/html',
        'content-length': Buffer.byteLength(REDIRECT_BODY),
      });
      res.end(REDIRECT_BODY);
      return;
    }
    if (fault?.kind === 'reply') return sendReplyFault(res, fault);
    if (fault?.kind === 'status' && !fault.afterCreate) return send(res, statusFaultReply(fault));

    const reply = await work(req, res, route);
    if (!reply) return;

    // Faults that strike after the work: the task exists, but the client cannot know it.
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') return send(res, statusFaultReply(fault));
    if (fault?.kind === 'latency') return later(fault.ms, () => send(res, reply));
    send(res, reply);
  }

  /** Does the route's work; returns the reply to send, or undefined when it already answered. */
  async function work(
    req: IncomingMessage,
    res: ServerResponse,
    route: MatchedRoute,
  ): Promise<Reply | undefined> {
    switch (route.kind) {
      case 'create': {
        const body = await readBody(req, MAX_CREATE_BODY_BYTES);
        if (!body.ok) {
          const limit = `${Math.floor(MAX_CREATE_BODY_BYTES / (1024 * 1024))} MB`;
          return { status: 413, json: cometError(`body: larger than ${limit}`, 'body', 'request_too_large') };
        }
        return createTask(req, route, body.text, provider);
      }
      case 'getTask':
        return getTask(req, route, provider);
      case 'deleteTask':
        return deleteTask(req, route, provider);
      case 'output': {
        const id = OUTPUT_FILE.exec(route.param ?? '')?.[1];
        const record = id ? store.get(id) : undefined;
        if (!record || store.snapshot(record).status !== 'SUCCEEDED') {
          sendError(res, 404, `output not found: ${route.param}`, 'file', 'not_found');
          return undefined;
        }
        // Like a bucket's presigned link: a missing, altered or expired signature is a 403 in XML.
        const { pathname, searchParams } = new URL(req.url ?? '/', 'http://emulator');
        const denial = signer.verify(pathname, searchParams);
        if (denial) {
          const xml = req.method === 'HEAD' ? '' : outputDenialXml(denial);
          res.writeHead(403, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
          res.end(xml);
          return undefined;
        }
        serveVideo(req, res);
        return undefined;
      }
      case 'wrongMethod':
        sendError(res, 405, `method ${req.method} not allowed here`, null, 'method_not_allowed', {
          allow: route.allow ?? '',
        });
        return undefined;
      case 'notFound':
        sendError(res, 404, `unknown route: ${req.method} ${req.url}`, null, 'not_found');
        return undefined;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Never crash the emulator on one bad request; answer like a gateway would.
      if (!res.headersSent && !res.destroyed) sendError(res, 500, `emulator error: ${String(error)}`);
      else res.destroy();
    });
  });
  // Node's default 5 s keep-alive is shorter than typical client pools; match common gateways instead.
  server.keepAliveTimeout = 65_000;

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  url = `http://${formatHost(opts.host)}:${address.port}`;
  return emulator;
}

function routeClass(route: MatchedRoute): RouteClass {
  if (route.kind === 'create' || route.kind === 'getTask' || route.kind === 'deleteTask') return route.kind;
  return 'other';
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function logWhenDone(req: IncomingMessage, res: ServerResponse, key: string): void {
  const started = Date.now();
  res.once('close', () => {
    const status = res.headersSent ? res.statusCode : 'reset';
    process.stderr.write(`[actkit-emulator] ${key} ${req.url} ${status} ${Date.now() - started}ms\n`);
  });
}
