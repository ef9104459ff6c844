// The browser suite against the Express flavour (`start`), started in this process.
import path from 'node:path';
import { startDemoServer } from '../src/server/start-demo-server.js';
import { describeDemoFlows } from './helpers/demo-flows.js';

const taskMs = 2500;

describeDemoFlows({
  backend: 'Express',
  taskMs,
  screenshot: path.resolve(import.meta.dirname, '../test-results/finished.png'),
  fieldErrorsScreenshot: path.resolve(import.meta.dirname, '../test-results/field-errors.png'),
  async start() {
    const demo = await startDemoServer({
      port: 0,
      host: '127.0.0.1',
      apiKey: undefined,
      emulatorTaskMs: taskMs,
      handleSecret: 'browser-tests-handle-secret-0123456789',
    });
    const emulatorUrl = demo.upstream.emulator?.url;
    if (!emulatorUrl) throw new Error('without COMETAPI_KEY the demo must run its emulator');
    return { url: demo.url, emulatorUrl, close: () => demo.close() };
  },
});
