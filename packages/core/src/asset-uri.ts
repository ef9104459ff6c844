// Core's own rules for asset URIs, checked before a paid request leaves the process. The provider fetches
// these URLs itself: an IP literal, a private name or another scheme would fail there (after billing, or
// with an opaque error) and can make the provider probe internal addresses, so reject them here with a
// message that says why. Limits (URL length, data-URI size) come from the generated schemas; data: URIs
// are checked against the spec's per-kind limits in asset-limits.ts.
import { type AssetKind, checkDataUriAsset } from './asset-limits.js';
import { zHttpsUrl } from './generated/cometapi-runway/zod.gen.js';

const maxUrlLength = zHttpsUrl.maxLength ?? Number.POSITIVE_INFINITY;

// One DNS label: letters, digits, hyphens inside, 1..63 chars.
const dnsLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
// Dotted decimal after WHATWG URL normalisation (which also turns 0x7f.1, 2130706433, … into this form).
const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function checkHttpsUrl(uri: string): string | undefined {
  if (uri.length > maxUrlLength) return `URL is ${uri.length} characters; at most ${maxUrlLength} allowed`;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'must be an https:// URL or a base64 data: URI';
  }
  if (url.protocol !== 'https:') {
    return `must use https (got ${url.protocol.replace(/:$/, '')}); the provider only fetches HTTPS URLs`;
  }
  if (url.username || url.password) return 'must not contain credentials (user:password@)';
  const host = url.hostname;
  if (host.startsWith('[')) return 'host must be a DNS name, not an IPv6 address';
  if (ipv4.test(host)) return 'host must be a DNS name, not an IPv4 address';
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((label) => dnsLabel.test(label))) {
    return `host "${host}" is not a public DNS name`;
  }
  if (/^\d+$/.test(labels.at(-1) ?? '')) return `host "${host}" is not a public DNS name`;
  return undefined;
}

/**
 * Checks one asset URI against core's rules: an `https://` URL whose host is a DNS name (no IPv4/IPv6
 * literals, no credentials, at most 2048 characters; never fetched), or a base64 `data:` URI within the
 * spec's limits for `kind` (`image`: JPEG/PNG/WebP up to 5 MB decoded; `video`: MP4/MOV/WebM up to 16 MB;
 * see `checkDataUriAsset`). Returns why it is invalid, or undefined when it is fine. Pure.
 */
export function checkAssetUri(uri: unknown, kind?: AssetKind): string | undefined {
  if (typeof uri !== 'string' || uri.length === 0) return 'must be a non-empty string';
  if (/^data:/i.test(uri)) return checkDataUriAsset(uri, kind);
  return checkHttpsUrl(uri);
}
