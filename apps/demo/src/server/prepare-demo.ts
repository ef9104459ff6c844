// What both backend flavours need before they serve anything: the upstream (emulator or CometAPI), what the
// banner says, and the sample assets.
import type { DemoInfo, SampleAssets } from '../shared/demo-api.js';
import type { DemoConfig } from './demo-config.js';
import { demoInfo } from './demo-info.js';
import { type DemoStore, startDemoStore } from './demo-store.js';
import { loadSampleAssets } from './sample-assets.js';
import { startUpstream, type Upstream } from './upstream.js';

export interface PreparedDemo {
  upstream: Upstream;
  info: DemoInfo;
  samples: SampleAssets;
  /** The handler's store and handle secret (memory, or Redis with REDIS_URL). */
  state: DemoStore;
}

export async function prepareDemo(config: DemoConfig, backend: DemoInfo['backend']): Promise<PreparedDemo> {
  const samples = await loadSampleAssets();
  const upstream = await startUpstream(config);
  const state = await startDemoStore(config, upstream).catch(async (error: unknown) => {
    await upstream.close();
    throw error;
  });
  return { upstream, info: demoInfo(upstream, config, backend), samples, state };
}

/** A started demo of either flavour (main.ts, nest-main.ts and the tests use it). */
export interface DemoServer {
  url: string;
  info: DemoInfo;
  upstream: Upstream;
  /** Where the server state is kept, for the startup message. */
  stateWhere: string;
  close(): Promise<void>;
}
