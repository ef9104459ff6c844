// The CommonJS build, required by a CommonJS app: Nest 12 is ESM-only, and Node 20.19+ require()s it.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Emulator, startEmulator } from '@actkit/emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { validInput } from './nest-app.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

// A CommonJS program (node -e runs CommonJS): a Nest app serving the contract, asked twice, then closed.
const program = `
const { ActkitModule } = require('@actkit/nestjs');
const { NestFactory } = require('@nestjs/core');
(async () => {
  const app = await NestFactory.create(
    ActkitModule.forRoot({
      apiKey: 'cjs-key',
      baseUrl: process.env.EMULATOR_URL,
      routePrefix: 'api/actkit',
      authorize: (req) => req.headers['x-user'],
      secret: 'cjs-build-test-handle-secret-32-bytes',
    }),
    { logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const url = 'http://127.0.0.1:' + app.getHttpServer().address().port + '/api/actkit/character-performances';
  const ask = (contentType) =>
    fetch(url, { method: 'POST', headers: { 'content-type': contentType, 'x-user': 'cjs' }, body: process.env.BODY });
  const created = await ask('application/json');
  const plain = await ask('text/plain');
  console.log(JSON.stringify({
    resolved: require.resolve('@actkit/nestjs'),
    created: created.status,
    plain: [plain.status, plain.headers.get('content-type')],
  }));
  await app.close();
})();
`;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ taskMs: 200, apiKey: 'cjs-key' });
});
afterAll(() => emulator?.close());

it('dist/index.cjs runs a Nest app when required from CommonJS', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', program], {
    cwd: packageDir,
    env: { ...process.env, EMULATOR_URL: emulator.url, BODY: JSON.stringify(validInput) },
  });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
  expect(result.resolved).toMatch(/dist[\\/]index\.cjs$/);
  expect(result.created).toBe(202);
  expect(result.plain).toEqual([415, 'application/problem+json']);
});
