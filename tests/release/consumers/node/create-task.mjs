// @ts-check
// An ESM user of @actkit/core: create a task on the emulator, wait for it, print it as JSON.
import { createActkitClient, isTerminal } from '@actkit/core';

const client = createActkitClient({ apiKey: 'sk-consumer-test', baseUrl: process.env.ACTKIT_BASE_URL });
const task = await client.characterPerformance.run(
  {
    character: { type: 'image', uri: 'https://assets.example.com/character.png' },
    reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
  },
  { pollIntervalMs: 100, timeoutMs: 20_000 },
);
console.log(
  JSON.stringify({ format: 'esm', status: task.status, terminal: isTerminal(task), output: task.output }),
);
