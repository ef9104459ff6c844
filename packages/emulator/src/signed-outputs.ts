// Output URLs that expire, like the provider's (Runway's output links stop working 24–48 h after the task
// ends; reading the task again hands out fresh ones). Each read of a finished task signs its output URL anew
// in the form of an S3 presigned URL (`X-Amz-Date` + `X-Amz-Expires` + `X-Amz-Signature`, HMAC-SHA256 with
// a key only this emulator instance knows); after the expiry, or with a signature that does not match, the
// link answers 403 with an S3-style XML error body, so clients meet the failure real storage returns.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** The provider's own window is 24–48 h; the emulator's default is the short end. */
export const DEFAULT_OUTPUT_TTL_MS = 24 * 60 * 60 * 1000;

/** Why a signed link is refused: S3's error code and message, and when it expired if it did. */
export interface OutputDenial {
  code: 'AccessDenied' | 'SignatureDoesNotMatch';
  message: string;
  /** ms epoch of the expiry, when the link was well signed but is too old. */
  expiredAt?: number;
}

export interface OutputSigner {
  /** A URL for `path` (e.g. `/outputs/<id>.mp4`) under `baseUrl`, valid for at least the TTL from `now`. */
  sign(baseUrl: string, path: string, now?: number): string;
  /** Checks a request's path and query; undefined when the link is valid at `now`. */
  verify(path: string, query: URLSearchParams, now?: number): OutputDenial | undefined;
}

/** `20261124T100000Z`, as X-Amz-Date writes it. */
const amzDate = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function parseAmzDate(value: string | null): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

/** A signer for links valid `ttlMs` (at least; whole seconds, rounded up) from when they are handed out. */
export function createOutputSigner(ttlMs: number, key: Uint8Array = randomBytes(32)): OutputSigner {
  const signature = (path: string, date: string, expires: string) =>
    createHmac('sha256', key).update(`${path}\n${date}\n${expires}`).digest('hex');
  return {
    sign(baseUrl, path, now = Date.now()) {
      const issued = Math.floor(now / 1000) * 1000;
      // Whole seconds from the (truncated) issue time, rounded up so a link never lives less than the TTL.
      const expires = String(Math.max(1, Math.ceil((now + ttlMs - issued) / 1000)));
      const date = amzDate(issued);
      const query = new URLSearchParams({
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Date': date,
        'X-Amz-Expires': expires,
        'X-Amz-Signature': signature(path, date, expires),
      });
      return `${baseUrl}${path}?${query}`;
    },
    verify(path, query, now = Date.now()) {
      const date = query.get('X-Amz-Date');
      const expires = query.get('X-Amz-Expires');
      const given = query.get('X-Amz-Signature');
      const issued = parseAmzDate(date);
      if (!date || !expires || !given || issued === undefined || !/^\d+$/.test(expires)) {
        return {
          code: 'AccessDenied',
          message:
            'Query-string authentication requires the X-Amz-Date, X-Amz-Expires and X-Amz-Signature parameters',
        };
      }
      const expected = Buffer.from(signature(path, date, expires), 'hex');
      const actual = Buffer.from(given, 'hex');
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
        return {
          code: 'SignatureDoesNotMatch',
          message: 'The request signature we calculated does not match the signature you provided.',
        };
      }
      const expiredAt = issued + Number(expires) * 1000;
      if (now >= expiredAt) return { code: 'AccessDenied', message: 'Request has expired', expiredAt };
      return undefined;
    },
  };
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

/** The XML body S3 answers a refused presigned GET with. */
export function outputDenialXml(denial: OutputDenial, now = Date.now()): string {
  const timing =
    denial.expiredAt === undefined
      ? ''
      : `<Expires>${new Date(denial.expiredAt).toISOString()}</Expires><ServerTime>${new Date(now).toISOString()}</ServerTime>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${denial.code}</Code><Message>${escapeXml(denial.message)}</Message>${timing}` +
    `<RequestId>${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}</RequestId></Error>`
  );
}
