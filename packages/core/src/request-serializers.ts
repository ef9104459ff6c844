// openapi-fetch serializers for this API's routes, used instead of its generic defaults. Measured in the
// request-overhead bench, the defaults cost ~20 µs of CPU per call on a loopback round trip (a query
// serializer closure built per call, a regex scan of the whole URL for path templates, code for
// array/object/label/matrix styles), far more than a hot-loop micro-benchmark shows. The spec's routes have
// no query parameters and their path parameters are plain ids (style "simple", not exploded): these cover
// exactly that, and refuse what they cannot encode rather than guess (a test pins both against the routes).

/** No route takes query parameters: there is never a query string. */
export function serializeNoQuery(): string {
  return '';
}

/**
 * Replaces each `{name}` in `url` with its URI-encoded value, as openapi-fetch's default does for a
 * simple-style string or number; a template without a value is left as is (openapi-fetch does the same).
 */
export function serializeSimplePath(url: string, params: Record<string, unknown>): string {
  let out = url;
  let open = out.indexOf('{');
  while (open !== -1) {
    const close = out.indexOf('}', open);
    if (close === -1) break;
    const name = out.slice(open + 1, close);
    const value = params[name];
    if (value === undefined || value === null) {
      open = out.indexOf('{', close);
      continue;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new TypeError(`path parameter "${name}" must be a string or number`);
    }
    const encoded = encodeURIComponent(value);
    out = out.slice(0, open) + encoded + out.slice(close + 1);
    open = out.indexOf('{', open + encoded.length);
  }
  return out;
}
