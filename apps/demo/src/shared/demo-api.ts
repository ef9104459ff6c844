// What the demo's own endpoints (/api/demo/*) answer; shared by the server and the page (type-only).

/** GET /api/demo/info: where tasks run. Never carries the key. */
export interface DemoInfo {
  mode: 'emulator' | 'CometAPI';
  /** Emulator task duration in ms (emulator mode only). */
  emulatorTaskMs?: number;
  /** Which backend flavour serves the page: the Express router or the NestJS module. */
  backend: 'Express' | 'NestJS';
}

/** GET /api/demo/samples: base64 data: URIs that prefill the form. */
export interface SampleAssets {
  characterImage: string;
  characterVideo: string;
  referenceVideo: string;
}
