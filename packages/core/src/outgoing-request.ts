// What openapi-fetch builds for each call (through its `Request` option) instead of a WHATWG Request. The
// transport needs only the URL, method, headers and JSON text; a real Request wraps the body in a stream that
// must be read back asynchronously, which cost about a tenth of a loopback round trip (measured in bench/).

/** The request the transport sends. */
export interface OutgoingRequest {
  url: string;
  method: string;
  headers: Headers;
  /** The serialized JSON body, if any. */
  body: string | undefined;
}

export class PlainRequest implements OutgoingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: string | undefined;

  constructor(url: string | URL, init: RequestInit = {}) {
    if (init.body != null && typeof init.body !== 'string') {
      throw new TypeError('actkit sends JSON text bodies only');
    }
    this.url = String(url);
    this.method = init.method ?? 'GET';
    // openapi-fetch hands over a fresh Headers per call; copying it again would buy nothing.
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body ?? undefined;
  }
}
