// A real Fastify app (5 or 4: the caller passes which module) serving the contract through @actkit/fastify,
// the way its README tells users to: register the plugin with a prefix, listen.
import type { AddressInfo } from 'node:net';
import { actkitPlugin } from '@actkit/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AdapterStartOptions, ContractAdapter, RunningAdapter } from './adapter.js';

type FastifyFactory = (options?: { forceCloseConnections?: boolean }) => FastifyInstance;

export function fastifyAdapter(name: string, fastify: FastifyFactory): ContractAdapter {
  return {
    name,
    async start({ mountPath, authorize, ...options }: AdapterStartOptions): Promise<RunningAdapter> {
      const app = fastify({ forceCloseConnections: true });
      await app.register(actkitPlugin, {
        ...options,
        prefix: mountPath,
        authorize: (request: FastifyRequest) => authorize(request),
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}${mountPath}`,
        close: () => app.close(),
      };
    },
  };
}
