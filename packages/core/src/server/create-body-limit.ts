// The create route's body limit, derived from the spec's data: URI caps instead of a flat number: a body may
// carry two assets inline (character and reference), each at the largest cap of any kind (video, 16 MB
// decoded), base64-encoded (4 characters per 3 bytes), plus slack for the header of each URI and the other
// fields. Today: 2 × 22,369,624 + 1 MiB = 45,787,824 bytes (~43.7 MB). A spec change moves it.
import { dataUriLimits } from '../index.js';

const slackBytes = 1024 * 1024;
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;
const largestCap = Math.max(...Object.values(dataUriLimits).map((limits) => limits.maxDecodedBytes));

/** Default `maxBodyBytes` of the handler: two data: URIs at the largest cap, base64, plus 1 MiB, in bytes. */
export const defaultCreateBodyLimitBytes = 2 * base64Length(largestCap) + slackBytes;
