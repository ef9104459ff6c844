// A real Express app (4 or 5: the caller passes which module) serving the contract through @actkit/express,
// the way the README tells users to: mount the router, add the error handler, listen.
import type { AddressInfo } from 'node:net';
import { actkitErrorHandler, createActkitRouter } from '@actkit/express';
import type { Express } from 'express';
import type { AdapterStartOptions, ContractAdapter, RunningAdapter } from './adapter.js';

type ExpressFactory = () => Express;

export function expressAdapter(name: string, express: ExpressFactory): ContractAdapter {
  return {
    name,
    async start({ mountPath, ...options }: AdapterStartOptions): Promise<RunningAdapter> {
      const app = express();
      const router = createActkitRouter(options);
      app.use(mountPath, router);
      app.use(actkitErrorHandler());
      const server = app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve, reject) => {
        server.once('listening', resolve);
        server.once('error', reject);
      });
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}${mountPath}`,
        async close() {
          await router.close();
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    },
  };
}
