// Answers the emulator does not produce, from a tiny real HTTP server on 127.0.0.1: request-id headers, and a
// provider that echoes the key back in its error message.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthenticationError, createActkitClient, NotFoundError, ServerError } from '../src/index.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('provider quirks', () => {
  it('carries the request id from x-request-id, request-id or cf-ray', async () => {
    let n = 0;
    const baseUrl = await serve((_req, res) => {
      n++;
      const header = n === 1 ? 'x-request-id' : n === 2 ? 'request-id' : 'cf-ray';
      json(
        res,
        404,
        { error: { message: 'task not found', type: 'comet_api_error', code: 'not_found' } },
        { [header]: `id-${n}` },
      );
    });
    const client = createActkitClient({ apiKey: 'k', baseUrl });
    for (const expected of ['id-1', 'id-2', 'id-3']) {
      const error = await client.tasks.retrieve('x').catch((e) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ status: 404, code: 'not_found', requestId: expected });
    }
  });

  it('keeps the request id of the last failed attempt on a ServerError', async () => {
    const baseUrl = await serve((_req, res) =>
      json(res, 500, { error: { message: 'boom', type: 'x' } }, { 'x-request-id': 'req-500' }),
    );
    const client = createActkitClient({ apiKey: 'k', baseUrl, maxRetries: 1, backoff: { baseMs: 1 } });
    const error = await client.tasks.retrieve('x').catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.requestId).toBe('req-500');
  });

  it('scrubs the key when the provider echoes it back', async () => {
    const key = 'sk-echoed-SECRET-123456';
    const baseUrl = await serve((req, res) =>
      json(res, 401, {
        error: { message: `invalid api key ${req.headers.authorization}`, type: 'comet_api_error' },
      }),
    );
    const error = await createActkitClient({ apiKey: key, baseUrl })
      .tasks.retrieve('x')
      .catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    for (const text of [error.message, error.stack, JSON.stringify(error), String(error)]) {
      expect(text).not.toContain(key);
    }
    expect(error.message).toMatch(/invalid api key Bearer \*\*\*/);
  });

  it('accepts a 200 task_not_exist body as "not visible yet"', async () => {
    const baseUrl = await serve((_req, res) =>
      json(res, 200, { code: 'task_not_exist', message: 'task not exist', data: null }),
    );
    const error = await createActkitClient({ apiKey: 'k', baseUrl })
      .tasks.retrieve('x')
      .catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe('task_not_exist');
  });
});
