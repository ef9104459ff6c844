// Sample inputs that make "Generate" work at once. They are base64 data: URIs rather than links to this
// server because the provider (and core's validation) accept only https URLs with a DNS host or data: URIs:
// http://127.0.0.1/... would be rejected before any request leaves.
import { readFile } from 'node:fs/promises';
import type { SampleAssets } from '../shared/demo-api.js';
import { sampleCharacterPath, sampleReferencePath } from './package-paths.js';

const dataUri = async (file: string, mediaType: string) =>
  `data:${mediaType};base64,${(await readFile(file)).toString('base64')}`;

export async function loadSampleAssets(): Promise<SampleAssets> {
  const [image, video] = await Promise.all([
    dataUri(sampleCharacterPath, 'image/png'),
    dataUri(sampleReferencePath, 'video/mp4'),
  ]);
  return { characterImage: image, characterVideo: video, referenceVideo: video };
}
