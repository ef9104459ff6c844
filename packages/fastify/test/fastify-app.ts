// Real Fastify apps (5, and 4 through the `fastify4` alias) on 127.0.0.1 for the tests, plus the browser's
// side of one request.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fastify5 from 'fastify';
import fastify4 from 'fastify4';

/** A Fastify factory; both majors are driven through the same (v5) types here. */
export type FastifyFactory = (options?: Record<string, unknown>) => FastifyInstance;

export const fastifyMajors: { name: string; create: FastifyFactory; version: string }[] = [
  { name: 'fastify 5', create: fastify5 as unknown as FastifyFactory, version: '5.12.8' },
  { name: 'fastify 4', create: fastify4 as unknown as FastifyFactory, version: '4.29.1' },
];

/** Listens on a free port of 127.0.0.1; resolves the origin. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export { type Answer, call, readEvents } from '../../core/test/http-call.js';

export const validInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

/** A create body of about `bytes` bytes (an inline data URI as the character image). */
export const bodyOf = (bytes: number) => ({
  ...validInput,
  // A PNG signature then zeros: an image data: URI validation accepts (its first bytes match its label).
  character: {
    type: 'image',
    uri: `data:image/png;base64,iVBORw0KGgo${'A'.repeat(Math.ceil(bytes / 4) * 4 + 1)}`,
  },
});

export const handleSecret = 'fastify-test-handle-secret-32-bytes-long!';
