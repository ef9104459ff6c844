'use client';
// A page using @actkit/react against the app's own contract route: Generate, watch the status, see the video.
import { useCharacterPerformance } from '@actkit/react';

const input = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
} as const;

export default function Page() {
  const { start, status, progress, output, error } = useCharacterPerformance({ baseUrl: '/api/actkit' });
  return (
    <main>
      <button type="button" disabled={status === 'starting'} onClick={() => void start(input)}>
        Generate
      </button>
      <p data-testid="status">{status}</p>
      <progress value={progress} />
      {error ? <p role="alert">{error.title}</p> : null}
      {output ? (
        <video data-testid="video" src={output[0]} controls muted aria-label="Generated video" />
      ) : null}
    </main>
  );
}
