// The payload checks that read a data: URI without keeping it: the header, the decoded size from the length,
// the base64 alphabet test (chunked, so characters on either side of a chunk boundary matter), first bytes.
// Both ways of testing the alphabet run: Node's (decoding into a scratch buffer) and the browser's scan,
// the module loaded again with no global Buffer.
import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

type DataUriModule = typeof import('../src/data-uri.js');
const withoutBuffer = async (): Promise<DataUriModule> => {
  vi.resetModules();
  vi.stubGlobal('Buffer', undefined);
  try {
    return await import('../src/data-uri.js');
  } finally {
    vi.unstubAllGlobals();
    vi.resetModules();
  }
};
const loaders: [string, () => Promise<DataUriModule>][] = [
  ['on Node (decoding)', () => import('../src/data-uri.js')],
  ['in a browser (the scan)', withoutBuffer],
];

/** The rule, written the slow, obvious way: RFC 4648 §4 standard base64 with its padding. */
const strictBase64 = (payload: string) =>
  payload.length > 0 && payload.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(payload);

describe.each(loaders)('data: URI payloads %s', (_name, load) => {
  let dataUriParts: DataUriModule['dataUriParts'];
  let decodedByteLength: DataUriModule['decodedByteLength'];
  let isBase64Payload: DataUriModule['isBase64Payload'];
  let leadingBytes: DataUriModule['leadingBytes'];
  const uri = (payload: string) => `data:video/mp4;base64,${payload}`;
  const check = (payload: string) => isBase64Payload(uri(payload), dataUriParts(uri(payload))!);

  it('loads', async () => {
    ({ dataUriParts, decodedByteLength, isBase64Payload, leadingBytes } = await load());
    expect(typeof isBase64Payload).toBe('function');
  });

  it('agrees with the rule on 5,000 random payloads, half of them with one to three characters replaced', () => {
    const noise = ['-', '_', '=', '==', ' ', '\n', '!', '.', 'é', 'Ā', '😀', '\u0000', 'A', '+'];
    let broken = 0;
    for (let i = 0; i < 5000; i++) {
      let payload = randomBytes(i % 200).toString('base64');
      if (i % 2 === 0 && payload.length > 4) {
        // Replaced, not inserted: the length stays a multiple of 4, so only the alphabet test can refuse it.
        for (let k = 0; k <= i % 3; k++) {
          const bad = noise[(i + k) % noise.length]!;
          const at = (i * 7919 + k * 104_729) % (payload.length - bad.length);
          payload = `${payload.slice(0, at)}${bad}${payload.slice(at + bad.length)}`;
        }
        if (!strictBase64(payload)) broken++;
      }
      expect(check(payload), JSON.stringify(payload)).toBe(strictBase64(payload));
    }
    expect(broken).toBeGreaterThan(1500);
  });

  it('reads the media type (lower-cased) and where the payload starts', () => {
    expect(dataUriParts('data:Video/MP4;base64,AAAA')).toBeUndefined(); // the type must be lower-case, as the spec's pattern says
    expect(dataUriParts('data:video/MP4;base64,AAAA')).toEqual({ mediaType: 'video/mp4', payloadOffset: 22 });
    expect(dataUriParts('data:video/mp4,AAAA')).toBeUndefined();
  });

  it('computes the decoded size from the length and the padding', () => {
    for (const bytes of [0, 1, 2, 3, 4, 5, 1000, 70_001]) {
      const encoded = uri(Buffer.alloc(bytes, 7).toString('base64'));
      expect(decodedByteLength(encoded, dataUriParts(encoded)!)).toBe(bytes);
    }
  });

  it('accepts standard base64 of any length, across many scan chunks', () => {
    for (const bytes of [1, 2, 3, 300_000])
      expect(check(Buffer.alloc(bytes, 0xfb).toString('base64'))).toBe(true);
  });

  it('refuses other characters wherever they are, also on either side of a 64 K chunk boundary', () => {
    const valid = Buffer.alloc(150_000, 0x5a).toString('base64');
    for (const bad of ['-', '_', ' ', '\n', '=', 'é', '😀', '\u0000']) {
      for (const at of [0, 65_535, 65_536, 131_071, valid.length - 5]) {
        const broken = `${valid.slice(0, at)}${bad}${valid.slice(at + bad.length)}`;
        expect(check(broken.slice(0, valid.length)), `${JSON.stringify(bad)} at ${at}`).toBe(false);
      }
    }
  });

  it('refuses an empty payload and one whose length is not a multiple of 4', () => {
    expect(check('')).toBe(false);
    expect(check('AAAAA')).toBe(false);
    expect(check('AAA=')).toBe(true);
    expect(check('AA==')).toBe(true);
    expect(check('A===')).toBe(false);
  });

  it('decodes only the first bytes', () => {
    const encoded = uri(Buffer.from('\x89PNG\r\n\x1a\nrest of the file', 'latin1').toString('base64'));
    expect([...leadingBytes(encoded, dataUriParts(encoded)!, 8)]).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ]);
  });
});
