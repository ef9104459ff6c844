// A real Express app (4 or 5: the caller passes which module) serving the contract through @actkit/express,
// the way the README tells users to: mount the router, add the app's own routes, the error handler, listen.
import type { AddressInfo } from 'node:net';
import type { CharacterPerformanceInput } from '@actkit/core/server';
import { actkitErrorHandler, createActkitRouter } from '@actkit/express';
import type express5 from 'express';
import type { AdapterStartOptions, ContractAdapter, RunningAdapter } from './adapter.js';

export const appPath = '/app';

export function expressAdapter(name: string, express: typeof express5): ContractAdapter {
  return {
    name,
    appRoute: true,
    async start({ mountPath, ...options }: AdapterStartOptions): Promise<RunningAdapter> {
      const app = express();
      const router = createActkitRouter(options);
      app.use(mountPath, router);
      // The app's own route using the client; what it throws goes to actkitErrorHandler (Express 4 does
      // not catch a rejected promise, hence next(error)).
      app.post(`${appPath}/renders`, express.json(), async (req, res, next) => {
        try {
          const input = req.body as CharacterPerformanceInput;
          res.status(201).json({ id: (await options.client.characterPerformance.create(input)).id });
        } catch (error) {
          next(error);
        }
      });
      app.use(actkitErrorHandler());
      const server = app.listen(0, '127.0.0.1');
      await new Promise<void>((resolve, reject) => {
        server.once('listening', resolve);
        server.once('error', reject);
      });
      const { port } = server.address() as AddressInfo;
      return {
        url: `http://127.0.0.1:${port}${mountPath}`,
        appUrl: `http://127.0.0.1:${port}${appPath}`,
        async close() {
          await router.close();
          server.closeAllConnections();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    },
  };
}
