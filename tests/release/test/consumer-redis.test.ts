// Users of @actkit/redis, ESM and CommonJS, installed from the tarballs (with node-redis from the registry, its
// peer dependency) into a fresh project, against a real redis-server on a free port; then the same project
// type-checked (node16 and bundler).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The redis-server launcher of @actkit/redis's own tests: a free port, no persistence, no leftover process.
import { type RedisServer, startRedisServer } from '../../../packages/redis/test/helpers/redis-server.ts';
import { type ConsumerProject, createConsumerProject } from '../src/consumer-project.ts';
import {
  consumerTsconfigFiles,
  resolutions,
  typescriptVersion,
  typesNodeVersion,
} from '../src/consumer-tsconfig.ts';

describe('a consumer of @actkit/redis', () => {
  let project: ConsumerProject;
  let redis: RedisServer;

  beforeAll(async () => {
    [project, redis] = await Promise.all([
      createConsumerProject({
        name: 'redis',
        actkit: ['@actkit/core', '@actkit/redis'],
        dependencies: { redis: '6.3.1' },
        devDependencies: { typescript: typescriptVersion, '@types/node': typesNodeVersion },
        source: 'redis',
        files: consumerTsconfigFiles(['*.mjs', '*.cjs', '*.mts', '*.cts']),
      }),
      startRedisServer(),
    ]);
    console.info(`redis consumer installed in ${project.installMs} ms`);
  });
  afterAll(async () => {
    await redis?.close();
    project?.remove();
  });

  it.each(['esm', 'cjs'] as const)('keeps limits and the ledger in Redis (%s)', async (format) => {
    const { stdout } = await project.run('node', [`store.${format === 'esm' ? 'mjs' : 'cjs'}`], {
      env: { REDIS_URL: redis.url },
      timeoutMs: 30_000,
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
      format,
      hits: [true, true, false],
      listed: ['r1'],
      unavailableStatus: 503,
    });
  });

  it.each(resolutions)('type-checks with moduleResolution %s', async (resolution) => {
    await project.bin('tsc', ['-p', `tsconfig.${resolution}.json`]);
  });
});
