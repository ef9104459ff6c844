// What `--character` and `--reference` take: an https URL or a data: URI, passed on as they are, or the path
// of a file on disk, read and sent inline as a base64 data: URI (a data: URI as an argument breaks the
// system's argument-length limit for any real clip). The file's media type comes from its first bytes (the
// same signatures core's validation checks), its name where the bytes say nothing; the rest (the provider's
// size caps, the clip's length, a container that is not what its type says) is core's validation, as for any
// data: URI.
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { dataUriLimits } from '../asset-limits.js';
import { fieldMessages } from '../field-messages.js';
import { signatureFamily } from '../media-signature.js';

/** A usage mistake in an asset flag (the path names no file): exit 2, nothing sent. */
export class AssetArgumentError extends Error {}

/** An asset flag's value, ready for the create input. */
export interface AssetArgument {
  /** What goes in `uri`: the URL or data: URI as given, or the file as a base64 data: URI. */
  uri: string;
  /** The media type a file was read as (`image/png`, `video/mp4`, …); absent for a URI. */
  mediaType?: string;
  /** `--reference ./clip.mp4`: the flag and the path as given, for error messages; absent for a URI. */
  source?: string;
  /** Why the file cannot be sent (over its kind's data: URI cap, in core's words); `uri` is then empty. */
  problem?: string;
}

// A type by file name, for bytes no signature names (core then says what the bytes are not). The spec's
// accepted types (asset-limits.gen.ts) are these; `.m4v` and `.qt` are their usual other extensions.
const typeByExtension: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.qt': 'video/quicktime',
  '.webm': 'video/webm',
};

/** A type no check accepts, for a file neither its bytes nor its name place: core's message names the types. */
const unknownType = 'application/octet-stream';

/**
 * The media type of a file from its first bytes (`head`, at least 12) and, where they say nothing, its name.
 * ISO BMFF is QuickTime when the `ftyp` major brand is `qt  ` or the name ends in `.mov`, else MP4; EBML is
 * WebM (core's container check tells a Matroska file apart).
 */
function mediaTypeOfFile(head: Uint8Array, path: string): string {
  const byName = typeByExtension[extname(path).toLowerCase()];
  switch (signatureFamily(head)) {
    case 'jpeg':
      return 'image/jpeg';
    case 'png':
      return 'image/png';
    case 'webp':
      return 'image/webp';
    case 'isobmff': {
      const brand = String.fromCharCode(...head.subarray(8, 12));
      return brand === 'qt  ' || byName === 'video/quicktime' ? 'video/quicktime' : 'video/mp4';
    }
    case 'ebml':
      return 'video/webm';
    default:
      return byName ?? unknownType;
  }
}

/** True for what is passed on as a URI: https: and data: (any case). */
const isPassedOn = (value: string) => /^(https|data):/i.test(value);
/** `http:`, `ftp:`, `file:`…: a URI core refuses in its own words (not a missing file). */
const hasScheme = (value: string) => /^[a-z][a-z0-9+.-]+:/i.test(value);

/**
 * Reads the value of `--<flag>`. An https URL or data: URI is returned as it is. A path that names a file is
 * read and returned as a base64 data: URI of its media type (see mediaTypeOfFile), with `source` for
 * messages; with `kind` (the field's: `video` for the reference, the character's type) a file over that
 * kind's data: URI cap is not read (`problem` says why, in core's words). A value with another scheme is
 * returned as it is (core says why it is refused). Throws AssetArgumentError when the path names nothing,
 * names a directory, or cannot be read (no permission).
 */
export async function readAssetArgument(
  flag: 'character' | 'reference',
  value: string,
  kind: (mediaType: string) => 'image' | 'video',
): Promise<AssetArgument> {
  if (isPassedOn(value)) return { uri: value };
  const source = `--${flag} ${value}`;
  const unreadable = (error: unknown) =>
    new AssetArgumentError(`${source}: cannot be read (${(error as Error).message})`);
  const info = await stat(value).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') throw unreadable(error);
    return undefined;
  });
  if (!info) {
    if (hasScheme(value)) return { uri: value };
    throw new AssetArgumentError(
      `${source}: no such file (give an https URL, a base64 data: URI or the path of an image or video file)`,
    );
  }
  if (!info.isFile()) throw new AssetArgumentError(`${source}: is not a file`);
  const file = await open(value).catch((error) => {
    throw unreadable(error);
  });
  try {
    const head = new Uint8Array(16);
    await file.read(head, 0, head.length, 0);
    const mediaType = mediaTypeOfFile(head, value);
    const { maxDecodedBytes } = dataUriLimits[kind(mediaType)];
    if (info.size > maxDecodedBytes) {
      // Not read whole (it could be gigabytes): a data: URI of it would be refused anyway, in these words.
      const problem = fieldMessages.dataUriTooLarge(info.size, maxDecodedBytes, kind(mediaType));
      return { uri: '', mediaType, source, problem };
    }
    const bytes = await file.readFile();
    return { uri: `data:${mediaType};base64,${bytes.toString('base64')}`, mediaType, source };
  } finally {
    await file.close();
  }
}
