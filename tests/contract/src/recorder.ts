// Everything the suite receives from the adapters (status line, headers, body, every SSE chunk) is kept
// here, so one check at the end can prove that no response ever carried the API key or the provider host.

const seen: string[] = [];

/** Records one piece of what a response carried. */
export function record(text: string): void {
  seen.push(text);
}

/** Every recorded piece that contains one of `secrets`, with the secret named. */
export function leaks(secrets: string[]): { secret: string; excerpt: string }[] {
  const found: { secret: string; excerpt: string }[] = [];
  for (const text of seen) {
    for (const secret of secrets) {
      const at = text.toLowerCase().indexOf(secret.toLowerCase());
      if (at >= 0) found.push({ secret, excerpt: text.slice(Math.max(0, at - 80), at + secret.length + 80) });
    }
  }
  return found;
}

/** How many pieces were recorded (so the scan is known to have looked at something). */
export const recordedCount = (): number => seen.length;

/** fetch that records the response it returns: status, every header, and the body as it is read. */
export const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  record(`${response.status} ${response.statusText}`);
  response.headers.forEach((value, name) => {
    record(`${name}: ${value}`);
  });
  if (!response.body) return response;
  const decoder = new TextDecoder();
  const tap = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      record(decoder.decode(chunk, { stream: true }));
      controller.enqueue(chunk);
    },
  });
  return new Response(response.body.pipeThrough(tap), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};
