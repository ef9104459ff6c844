// One attempt of the transport: a timeout and a caller's abort settle it at once, with or without a signal
// handed to fetch (see send-attempt.ts for why fetch gets none when the caller gave none).
import { describe, expect, it } from 'vitest';
import { attempt } from '../src/send-attempt.js';

const never = () => new Promise<Response>(() => {});

describe('attempt', () => {
  it('without a caller signal: fetch gets no signal, and the timeout settles the attempt', async () => {
    let init: RequestInit | undefined;
    const started = Date.now();
    const result = await attempt(
      (_url, given) => {
        init = given;
        return never();
      },
      'http://127.0.0.1/',
      {},
      30,
      undefined,
    );
    expect(result.type).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(300);
    expect(init?.signal).toBeUndefined();
  });

  it('cancels the body of an answer that arrives after the timeout (frees the connection)', async () => {
    let answer!: (response: Response) => void;
    let cancelled = false;
    const body = new ReadableStream({
      cancel: () => {
        cancelled = true;
      },
    });
    const result = await attempt(
      () => new Promise<Response>((resolve) => (answer = resolve)),
      'http://127.0.0.1/',
      {},
      10,
      undefined,
    );
    expect(result.type).toBe('timeout');
    answer(new Response(body));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(cancelled).toBe(true);
  });

  it('with a caller signal: the timeout aborts the signal fetch was given (the request is ended)', async () => {
    let signal: AbortSignal | undefined;
    const result = await attempt(
      (_url, init) => {
        signal = init?.signal ?? undefined;
        return never();
      },
      'http://127.0.0.1/',
      {},
      10,
      new AbortController().signal,
    );
    expect(result.type).toBe('timeout');
    expect(signal?.aborted).toBe(true);
    expect((signal?.reason as DOMException | undefined)?.name).toBe('TimeoutError');
  });

  it("a caller's abort settles at once and aborts fetch's signal, even if fetch ignores it", async () => {
    const caller = new AbortController();
    let signal: AbortSignal | undefined;
    const pending = attempt(
      (_url, init) => {
        signal = init?.signal ?? undefined;
        return never();
      },
      'http://127.0.0.1/',
      {},
      60_000,
      caller.signal,
    );
    caller.abort(new Error('stop'));
    expect((await pending).type).toBe('aborted');
    expect(signal?.aborted).toBe(true);
  });

  it('reads the body as text, and a fetch that throws is a network failure, not an exception', async () => {
    const ok = await attempt(async () => new Response('{"a":1}'), 'http://127.0.0.1/', {}, 1000, undefined);
    expect(ok.type === 'response' && ok.text).toBe('{"a":1}');
    const thrown = await attempt(
      () => {
        throw new TypeError('bad');
      },
      'http://127.0.0.1/',
      {},
      1000,
      undefined,
    );
    expect(thrown.type).toBe('network');
  });
});
