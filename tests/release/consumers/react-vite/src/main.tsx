// A React app using @actkit/react the documented way: hooks pointed at the app's own backend path. The build
// must not contain the provider's URL or any process.env read: the browser never talks to CometAPI.
import { type CharacterPerformanceInput, isTerminalStatus, useCharacterPerformance } from '@actkit/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const input: CharacterPerformanceInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

function App() {
  const performance = useCharacterPerformance({ baseUrl: '/api/actkit' });
  const done = performance.task !== undefined && isTerminalStatus(performance.task.status);
  return (
    <main>
      <button
        type="button"
        onClick={() => void performance.start(input)}
        disabled={performance.status === 'starting'}
      >
        Start
      </button>
      <p>
        {performance.status} {Math.round(performance.progress * 100)}%
      </p>
      {done && performance.output?.[0] ? <a href={performance.output[0]}>Download the video</a> : null}
      {performance.error ? <p role="alert">{performance.error.message}</p> : null}
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
