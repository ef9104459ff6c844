// Loads what the demo server says about itself (where tasks run) and the sample assets, once.
import { useEffect, useState } from 'react';
import type { DemoInfo, SampleAssets } from '../../shared/demo-api.js';

export interface DemoSetup {
  info?: DemoInfo;
  samples?: SampleAssets;
  error?: string;
}

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

export function useDemoSetup(): DemoSetup {
  const [setup, setSetup] = useState<DemoSetup>({});
  useEffect(() => {
    const controller = new AbortController();
    Promise.all([
      getJson<DemoInfo>('/api/demo/info', controller.signal),
      getJson<SampleAssets>('/api/demo/samples', controller.signal),
    ]).then(
      ([info, samples]) => setSetup({ info, samples }),
      (error: unknown) => {
        if (!controller.signal.aborted) setSetup({ error: String(error) });
      },
    );
    return () => controller.abort();
  }, []);
  return setup;
}
