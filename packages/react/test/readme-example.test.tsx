// The README's "The owner's tasks" example runs as written: its tsx block is written to a module (vitest
// compiles it, and resolves '@actkit/react' to these sources) and rendered against a real Express app with
// the actkit router and the emulator upstream. One substitution only: the relative '/api/actkit' becomes the
// test app's absolute URL (a page would resolve it against its own origin).
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ComponentType } from 'react';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { type ActkitApp, startActkitApp, validInput } from './helpers/actkit-app.js';

let app: ActkitApp;
beforeAll(async () => {
  app = await startActkitApp({ taskMs: 600 });
});
afterAll(() => app.close());
afterEach(cleanup);

// import.meta.dirname: jsdom's URL class is not one node:url's fileURLToPath accepts.
const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
const example = /## The owner's tasks[\s\S]*?```tsx\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

it("the owner's tasks example lists every task, pages with More, and follows each live", async () => {
  expect(example).toContain('useTasks');
  const created: string[] = [];
  for (let i = 0; i < 11; i++) {
    const response = await fetch(`${app.baseUrl}/character-performances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validInput),
    });
    created.push(((await response.json()) as { task: { handle: string } }).task.handle);
  }
  const module = join(
    import.meta.dirname,
    `.readme-example-${process.pid}-${Math.random().toString(36).slice(2)}.tsx`,
  );
  await writeFile(module, example.replace("'/api/actkit'", JSON.stringify(app.baseUrl)));
  try {
    const { YourTasks } = (await import(/* @vite-ignore */ module)) as { YourTasks: ComponentType };
    render(<YourTasks />);
    // The first page (limit 10), each row following its task to the end, then the eleventh after More.
    await waitFor(() => expect(screen.getAllByText(/SUCCEEDED 100%/)).toHaveLength(10), { timeout: 15_000 });
    expect(screen.getAllByRole('link', { name: 'video' })).toHaveLength(10);
    fireEvent.click(screen.getByRole('button', { name: 'More' }));
    await waitFor(() => expect(screen.getAllByText(/SUCCEEDED 100%/)).toHaveLength(11), { timeout: 15_000 });
    expect(screen.queryByRole('button', { name: 'More' })).toBeNull();
    expect(app.count('GET /tasks')).toBe(2);
    expect(created).toHaveLength(11);
  } finally {
    await rm(module, { force: true });
  }
});
