'use client';
// @actkit/react in a Next.js client component, pointed at the app's own route.
import { useCharacterPerformance } from '@actkit/react';

export default function Page() {
  const { start, status } = useCharacterPerformance({ baseUrl: '/api/actkit' });
  return (
    <button
      type="button"
      onClick={() =>
        void start({
          character: { type: 'image', uri: 'https://assets.example.com/character.png' },
          reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
        })
      }
    >
      Generate ({status})
    </button>
  );
}
