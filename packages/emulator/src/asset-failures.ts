// Failures the provider reports only after accepting a task, because they need the asset read: a reference
// clip outside the spec's 3–30 s, or a video it cannot decode, ends the task as FAILED with ASSET.INVALID
// (no 400 at create: Runway fetches and decodes assets while the task runs). The emulator reads data: URI
// videos with the same parser as @actkit/core (mediabunny, loaded on first use); HTTPS URLs are never
// fetched, so their tasks run normally unless a failure trigger word says otherwise.
import { referenceVideoDurationSeconds } from '../../core/src/generated/cometapi-runway/asset-limits.gen.js';
import { readVideoDataUri } from '../../core/src/media/read-video.js';
import type { PlannedFailure } from './failure-triggers.js';
import type { CharacterPerformanceRequest } from './types.js';

const { minimum, maximum } = referenceVideoDurationSeconds;
const invalid = (failure: string): PlannedFailure => ({ failureCode: 'ASSET.INVALID', failure });

/** ASSET.INVALID for a data: URI video that is unreadable or (the reference) too short or too long. */
export async function assetFailure(body: CharacterPerformanceRequest): Promise<PlannedFailure | undefined> {
  const videos: [string, string][] = [];
  if (body.character.type === 'video') videos.push(['character', body.character.uri]);
  videos.push(['reference', body.reference.uri]);
  for (const [field, uri] of videos) {
    if (!uri.startsWith('data:')) continue;
    const reading = await readVideoDataUri(uri);
    if (!reading.ok || reading.facts.codec === undefined) {
      return invalid(`The ${field} video could not be decoded. Use an MP4, MOV or WebM file.`);
    }
    const seconds = reading.facts.durationSeconds;
    if (field === 'reference' && !(seconds >= minimum && seconds <= maximum)) {
      return invalid(
        `The reference video must be between ${minimum} and ${maximum} seconds long (it is ${seconds.toFixed(1)} seconds).`,
      );
    }
  }
  return undefined;
}
