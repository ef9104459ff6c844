// Keeps the API key out of logs and errors. Headers are only ever logged through `redactHeaders`, and any
// text that could echo a request (a provider message, a body) is passed through `scrubSecret`.

const sensitiveHeader = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key)$/i;

/** A plain copy of the headers with credentials replaced: Authorization → `Bearer ***`. */
export function redactHeaders(headers: Headers | Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (value: string, name: string) => {
    if (!sensitiveHeader.test(name)) out[name] = value;
    else if (/^bearer\s/i.test(value)) out[name] = 'Bearer ***';
    else out[name] = '***';
  };
  if (headers instanceof Headers) headers.forEach(add);
  else for (const name of Object.keys(headers)) add(headers[name] as string, name);
  return out;
}

/** Replaces every occurrence of `secret` in `text` with `***`. */
export function scrubSecret(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join('***') : text;
}

/** Deep-copies JSON-like data, scrubbing `secret` from every string. */
export function scrubSecretDeep(value: unknown, secret: string | undefined): unknown {
  if (!secret) return value;
  if (typeof value === 'string') return scrubSecret(value, secret);
  if (Array.isArray(value)) return value.map((item) => scrubSecretDeep(item, secret));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubSecretDeep(v, secret)]));
  }
  return value;
}
