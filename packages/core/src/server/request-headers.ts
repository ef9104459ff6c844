import type { ActkitRequestHeaders } from './types.js';

/** One request header's value, whatever the framework's header shape (Node object or Fetch Headers). */
export function headerValue(headers: ActkitRequestHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const value = record[name] ?? record[Object.keys(record).find((key) => key.toLowerCase() === name) ?? ''];
  return Array.isArray(value) ? value.join(', ') : value;
}
