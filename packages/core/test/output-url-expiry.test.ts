// Reading a signed link's expiry from its query, and how long the handler may hand a SUCCEEDED state's links
// out: pure logic, no server.
import { describe, expect, it } from 'vitest';
import { outputUrlExpiresAt } from '../src/output-url-expiry.js';
import { createOutputFreshness, defaultOutputUrlTtlMs } from '../src/server/output-freshness.js';

const at = (iso: string) => Date.parse(iso);

describe('outputUrlExpiresAt', () => {
  it('reads S3 Signature V4 presigned links (what the emulator signs)', () => {
    const url =
      'https://bucket.s3.amazonaws.com/out.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20250102T030405Z&X-Amz-Expires=3600&X-Amz-Signature=ab12';
    expect(outputUrlExpiresAt(url)).toBe(at('2025-01-02T04:04:05Z'));
  });

  it('reads Google Cloud Storage V4 links, whatever the case of the names', () => {
    const url =
      'https://storage.googleapis.com/b/o.mp4?x-goog-date=20250102T030405Z&x-goog-expires=60&x-goog-signature=cd';
    expect(outputUrlExpiresAt(url)).toBe(at('2025-01-02T03:05:05Z'));
  });

  it('reads Expires= (S3 V2, CloudFront canned policies) as Unix seconds', () => {
    const url = 'https://d111.cloudfront.net/out.mp4?Expires=1735787045&Signature=abc&Key-Pair-Id=K1';
    expect(outputUrlExpiresAt(url)).toBe(1735787045 * 1000);
  });

  it('reads an Azure SAS expiry only beside its signature', () => {
    const signed =
      'https://a.blob.core.windows.net/c/o.mp4?sv=2022-11-02&se=2025-01-02T03%3A04%3A05Z&sr=b&sig=xyz';
    expect(outputUrlExpiresAt(signed)).toBe(at('2025-01-02T03:04:05Z'));
    expect(outputUrlExpiresAt('https://example.com/o.mp4?se=2025-01-02T03:04:05Z')).toBeUndefined();
  });

  it('says nothing for links without a readable expiry', () => {
    for (const url of [
      'https://cdn.example.com/out.mp4',
      'https://cdn.example.com/out.mp4?token=abc',
      'https://cdn.example.com/out.mp4?X-Amz-Date=yesterday&X-Amz-Expires=60',
      'https://cdn.example.com/out.mp4?X-Amz-Date=20250102T030405Z', // no lifetime
      'https://cdn.example.com/out.mp4?Expires=soon',
      'not a url at all',
    ]) {
      expect(outputUrlExpiresAt(url), url).toBeUndefined();
    }
  });

  it('ignores a fragment', () => {
    expect(outputUrlExpiresAt('https://x.example.com/o.mp4?Expires=100#Expires=200')).toBe(100_000);
  });
});

describe('createOutputFreshness', () => {
  const signed = (expiresAtMs: number) =>
    `https://x.example.com/o.mp4?Expires=${expiresAtMs / 1000}&Signature=s`;
  const freshUntil = createOutputFreshness({ outputUrlTtlMs: defaultOutputUrlTtlMs, floorMs: 1000 });

  it('trusts a signed link up to a fifth of its remaining life before its expiry', () => {
    // Read at 0 with 10 s left: fresh until 8 s.
    expect(freshUntil([signed(10_000)], 0)).toBe(8000);
  });

  it('keeps back at most 5 minutes of a long-lived link', () => {
    const day = 24 * 60 * 60 * 1000;
    expect(freshUntil([signed(day)], 0)).toBe(day - 5 * 60 * 1000);
  });

  it('uses outputUrlTtlMs from the read for a link without an expiry, and the earliest of several', () => {
    const ttl = createOutputFreshness({ outputUrlTtlMs: 60_000, floorMs: 0 });
    expect(ttl(['https://cdn.example.com/a.mp4'], 5000)).toBe(65_000);
    expect(ttl(['https://cdn.example.com/a.mp4', signed(20_000)], 5000)).toBe(20_000 - 3000);
  });

  it('never answers less than the floor after the read (a provider clock behind ours)', () => {
    expect(freshUntil([signed(1000)], 50_000)).toBe(51_000);
  });

  it('no links: nothing expires', () => {
    expect(freshUntil(undefined, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(freshUntil([], 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses a lifetime that is not above 0', () => {
    expect(() => createOutputFreshness({ outputUrlTtlMs: 0, floorMs: 0 })).toThrow(/outputUrlTtlMs/);
  });
});
