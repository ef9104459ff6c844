// The README's "The owner's tasks" and "Files from disk" examples run as written: each tsx block is written
// to a module (vitest compiles it, and resolves '@actkit/react' to these sources) and rendered against a real
// Express app with the actkit router and the emulator upstream. One substitution only: the relative
// '/api/actkit' becomes the test app's absolute URL (a page would resolve it against its own origin).
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
const filesExample = /## Files from disk[\s\S]*?```tsx\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

/** The example's module, with the backend's absolute URL; removed afterwards. */
async function importExample<T>(code: string, use: (module: T) => Promise<void>) {
  const module = join(
    import.meta.dirname,
    `.readme-example-${process.pid}-${Math.random().toString(36).slice(2)}.tsx`,
  );
  await writeFile(module, code.replace("'/api/actkit'", JSON.stringify(app.baseUrl)));
  try {
    await use((await import(/* @vite-ignore */ module)) as T);
  } finally {
    await rm(module, { force: true });
  }
}

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
  await importExample<{ YourTasks: ComponentType }>(example, async ({ YourTasks }) => {
    render(<YourTasks />);
    // The first page (limit 10), each row following its task to the end, then the eleventh after More.
    await waitFor(() => expect(screen.getAllByText(/SUCCEEDED 100%/)).toHaveLength(10), { timeout: 15_000 });
    expect(screen.getAllByRole('link', { name: 'video' })).toHaveLength(10);
    fireEvent.click(screen.getByRole('button', { name: 'More' }));
    await waitFor(() => expect(screen.getAllByText(/SUCCEEDED 100%/)).toHaveLength(11), { timeout: 15_000 });
    expect(screen.queryByRole('button', { name: 'More' })).toBeNull();
    expect(app.count('GET /tasks')).toBe(2);
    expect(created).toHaveLength(11);
  });
});

it('the files-from-disk example sends chosen files and shows a file over the limit next to its field', async () => {
  expect(filesExample).toContain('useCharacterPerformance');
  const { clip, MB, png } = await import('../../core/test/media-clips.js');
  const face = new Uint8Array(await png());
  const video = new Uint8Array(await clip(5));
  await importExample<{ FromDisk: ComponentType }>(filesExample, async ({ FromDisk }) => {
    render(<FromDisk />);
    const choose = (label: RegExp, file: File) =>
      fireEvent.change(screen.getByLabelText(label), { target: { files: [file] } });
    const posts = app.count('POST /character-performances');

    const huge = new Uint8Array(6 * MB);
    huge.set(face);
    choose(/Face/, new File([huge], 'face.png', { type: 'image/png' }));
    choose(/Performance/, new File([video], 'clip.mp4', { type: 'video/mp4' }));
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(
        /^is a 6 MB file; an image sent inline may be at most 5 MB/,
      ),
    );
    expect(app.count('POST /character-performances')).toBe(posts);

    choose(/Face/, new File([face], 'face.png', { type: 'image/png' }));
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('SUCCEEDED'), {
      timeout: 15_000,
    });
    expect(app.count('POST /character-performances')).toBe(posts + 1);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
