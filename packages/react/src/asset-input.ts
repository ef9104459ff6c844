// What `start` takes: the contract's create input, where `character.uri` and `reference.uri` may also be a
// file the page holds (a File from an <input type="file"> or a drop, any Blob). The hook checks such a file
// against the spec's limits, then sends it as a data: URI or through the app's `uploadAsset`.
import type { ActkitOptions } from './actkit-options.js';
import type { CharacterPerformanceInput } from './contract.js';

/** An asset whose `uri` may be a File/Blob instead of a URL. */
type WithFile<Asset> = Asset extends { uri: string } ? Omit<Asset, 'uri'> & { uri: string | Blob } : Asset;

/**
 * The create input as `start` takes it: the contract's `CharacterPerformanceInput`, with `character.uri` and
 * `reference.uri` each an https URL, a `data:` URI, or a `File`/`Blob`.
 */
export type CharacterPerformanceStartInput = Omit<CharacterPerformanceInput, 'character' | 'reference'> & {
  character: WithFile<CharacterPerformanceInput['character']>;
  reference: WithFile<CharacterPerformanceInput['reference']>;
};

/** The input fields that may hold a file. */
export type AssetField = 'character.uri' | 'reference.uri';

/**
 * Puts a chosen file on the app's own storage and resolves to its https URL (a presigned upload to S3, say),
 * which is then sent instead of the file. `signal` aborts when the start is superseded, reset or unmounted.
 * A rejection is shown as a field error on `field` in actkit's words only ("could not be uploaded; try
 * again": storage errors name buckets and keys); the rejection itself is the `cause` of the hook's
 * `ActkitProblemError` (an `AggregateError` of both when both files failed), for the app's own logging.
 */
export type UploadAsset = (
  file: Blob,
  context: { field: AssetField; signal: AbortSignal },
) => Promise<string>;

/** Options of `useCharacterPerformance`: those of every hook, and how chosen files leave the page. */
export interface CharacterPerformanceOptions extends ActkitOptions {
  /**
   * Where chosen files go. Absent: each is sent inline, as a base64 `data:` URI in the create body (Runway
   * takes them up to 5 MB for an image, 16 MB for a video; CometAPI's page for the route documents https
   * URLs only). Given: each file is uploaded with it and its https URL sent; the data: URI size caps then do
   * not apply (the provider fetches the URL), the media type and the clip's length still do.
   */
  uploadAsset?: UploadAsset;
}
