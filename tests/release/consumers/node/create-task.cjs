// @ts-check
// A CommonJS user of @actkit/core (require, no top-level await): the same job as create-task.mjs.
const { createActkitClient, isTerminal } = require('@actkit/core');

async function main() {
  const client = createActkitClient({ apiKey: 'sk-consumer-test', baseUrl: process.env.ACTKIT_BASE_URL });
  const { id } = await client.characterPerformance.create({
    character: { type: 'image', uri: 'https://assets.example.com/character.png' },
    reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
  });
  const task = await client.tasks.wait(id, { pollIntervalMs: 100, timeoutMs: 20_000 });
  console.log(
    JSON.stringify({ format: 'cjs', status: task.status, terminal: isTerminal(task), output: task.output }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
