// When a signed output URL stops working, read from the URL itself. Runway's output links expire 24–48 h
// after the task ends (and a re-read hands out fresh ones); cloud storage writes the expiry into a presigned
// link's query, so where one is there we need not guess. Web APIs only (the server entry runs on any Fetch
// runtime). Known forms, each the documented query authentication of its store:
// - S3 Signature V4 (also what @actkit/emulator signs): `X-Amz-Date` (YYYYMMDD'T'HHMMSS'Z') + `X-Amz-Expires`
//   (seconds after it);
// - Google Cloud Storage V4: `X-Goog-Date` + `X-Goog-Expires`, the same shape;
// - S3 Signature V2, CloudFront canned policies, GCS V2: `Expires` (Unix seconds);
// - Azure Blob SAS: `se` (ISO 8601), only beside its signature `sig`.
// Anything else (an unsigned CDN link, a token we cannot read) has no expiry here: callers fall back to a
// configured lifetime.

/** `20240131T235959Z` → epoch ms, or NaN. */
function amzDate(text: string): number {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!parts) return Number.NaN;
  const [, y, mo, d, h, mi, s] = parts.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

const seconds = (text: string | undefined) => (text && /^\d{1,12}$/.test(text) ? Number(text) : Number.NaN);

/**
 * When `url` stops working, in epoch ms, from the expiry its query carries (S3/GCS V4 presigned, `Expires=`,
 * Azure SAS; see the file comment), or undefined when it carries none actkit can read (or is no URL).
 * Pure and cheap: no URL object is built for a link without a query.
 */
export function outputUrlExpiresAt(url: string): number | undefined {
  const at = url.indexOf('?');
  if (at < 0) return undefined;
  const end = url.indexOf('#', at);
  // Parameter names are matched without regard to case (stores differ in how they spell them).
  const query = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(url.slice(at + 1, end < 0 ? undefined : end))) {
    query.set(name.toLowerCase(), value);
  }
  let expiresAt = Number.NaN;
  for (const vendor of ['amz', 'goog']) {
    const date = query.get(`x-${vendor}-date`);
    const lifetime = seconds(query.get(`x-${vendor}-expires`));
    if (date !== undefined) expiresAt = amzDate(date) + lifetime * 1000;
    if (Number.isFinite(expiresAt)) return expiresAt;
  }
  expiresAt = seconds(query.get('expires')) * 1000;
  if (Number.isFinite(expiresAt)) return expiresAt;
  const signedExpiry = query.get('sig') === undefined ? undefined : query.get('se');
  expiresAt = signedExpiry === undefined ? Number.NaN : Date.parse(signedExpiry);
  return Number.isFinite(expiresAt) ? expiresAt : undefined;
}
