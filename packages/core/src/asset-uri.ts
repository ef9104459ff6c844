// Core's own rules for asset URIs, checked before a paid request leaves the process. The provider fetches
// these URLs itself: an IP literal, a private name or another scheme would fail there (after billing, or
// with an opaque error) and can make the provider probe internal addresses, so reject them here with a
// message that says why (in the words of the message table). Limits (URL length) come from the generated
// schemas; data: URIs are checked against the spec's per-kind limits in asset-limits.ts.
import { type AssetKind, checkDataUriAsset } from './asset-limits.js';
import { fieldMessages } from './field-messages.js';
import { zHttpsUrl } from './generated/cometapi-runway/zod.gen.js';

const maxUrlLength = zHttpsUrl.maxLength ?? Number.POSITIVE_INFINITY;

// One DNS label: letters, digits, hyphens inside, 1..63 chars.
const dnsLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
// Dotted decimal after WHATWG URL normalisation (which also turns 0x7f.1, 2130706433, … into this form).
const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function checkHttpsUrl(uri: string): string | undefined {
  if (uri.length > maxUrlLength) return fieldMessages.urlLength(uri.length, maxUrlLength);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return fieldMessages.httpsUrl();
  }
  if (url.protocol !== 'https:') return fieldMessages.httpsScheme(url.protocol.replace(/:$/, ''));
  if (!uri.startsWith('https://')) return fieldMessages.schemeCase();
  if (url.username || url.password) return fieldMessages.noCredentials();
  const host = url.hostname;
  if (host.startsWith('[') || ipv4.test(host)) return fieldMessages.hostName();
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((label) => dnsLabel.test(label))) {
    return fieldMessages.publicHostName(host);
  }
  if (/^\d+$/.test(labels.at(-1) ?? '')) return fieldMessages.publicHostName(host);
  return undefined;
}

/**
 * Checks one asset URI against core's rules: an `https://` URL whose host is a DNS name (no IPv4/IPv6
 * literals, no credentials, at most 2048 characters; never fetched), or a base64 `data:` URI within the
 * spec's limits for `kind` (`image`: JPEG/PNG/WebP up to 5 MB decoded; `video`: MP4/MOV/WebM up to 16 MB;
 * see `checkDataUriAsset`). Returns why it is invalid, or undefined when it is fine. Pure.
 */
export function checkAssetUri(uri: unknown, kind?: AssetKind): string | undefined {
  if (uri === undefined || uri === '') return fieldMessages.required();
  if (typeof uri !== 'string') return fieldMessages.httpsUrl();
  if (uri.trim() !== uri) return fieldMessages.surroundingSpace();
  if (/^data:/i.test(uri)) return checkDataUriAsset(uri, kind);
  return checkHttpsUrl(uri);
}
