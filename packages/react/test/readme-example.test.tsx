// The README's "The owner's tasks" and "Files from disk" examples run as written: each tsx block is written
// to a module (vitest compiles it, and resolves '@actkit/react' to these sources) and rendered against a real
// Express app with the actkit router and the emulator upstream. One substitution only: the relative
// '/api/actkit' becomes the test app's absolute URL (a page would resolve it against its own origin).
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { EventSource } from 'eventsource';
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

it("the owner's tasks example shows list rows, follows only the selected task live, pages with More", async () => {
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
  // A browser has an EventSource (jsdom has none): every useTask would open a stream with it.
  const global = globalThis as { EventSource?: unknown };
  const before = global.EventSource;
  global.EventSource = EventSource;
  const streams = () => app.count('GET /tasks/:handle/events');
  const reads = () => app.count('GET /tasks/:handle');
  const [streamsBefore, readsBefore, listsBefore] = [streams(), reads(), app.count('GET /tasks')];
  try {
    await importExample<{ YourTasks: ComponentType }>(example, async ({ YourTasks }) => {
      render(<YourTasks />);
      const rows = () => screen.getAllByRole('button', { name: /^[A-Z]+ \d+%$/ });
      // The first page (limit 10), each row as listed.
      await waitFor(() => expect(rows()).toHaveLength(10));
      // Select the newest: its row follows it live (one stream) to the end, and its video shows.
      fireEvent.click(rows()[0]!);
      await waitFor(() => expect(rows()[0]!.textContent).toBe('SUCCEEDED 100%'), { timeout: 15_000 });
      expect(rows()[0]!.getAttribute('aria-pressed')).toBe('true');
      expect(screen.getAllByRole('link', { name: 'video' })).toHaveLength(1);
      // Ten rows on screen, one connection: no stream (and no read) per row.
      expect(streams() - streamsBefore).toBe(1);
      expect(reads() - readsBefore).toBe(0);
      fireEvent.click(screen.getByRole('button', { name: 'More' }));
      await waitFor(() => expect(rows()).toHaveLength(11));
      expect(screen.queryByRole('button', { name: 'More' })).toBeNull();
      // Another row selected: its stream replaces the first one.
      fireEvent.click(rows()[10]!);
      await waitFor(() => expect(rows()[10]!.textContent).toBe('SUCCEEDED 100%'), { timeout: 15_000 });
      expect(streams() - streamsBefore).toBe(2);
      await waitFor(() => expect(app.openStreams()).toBe(0));
      // Refresh: the first page again, with what the server saw of the followed task meanwhile.
      fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
      await waitFor(() => expect(app.count('GET /tasks') - listsBefore).toBe(3));
      await waitFor(() => expect(rows()).toHaveLength(10));
      expect(rows()[0]!.textContent).toBe('SUCCEEDED 100%');
      expect(created).toHaveLength(11);
    });
  } finally {
    global.EventSource = before;
  }
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
