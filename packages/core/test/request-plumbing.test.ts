// The cheap pieces under the transport: openapi-fetch serializers for this API's routes, and the coarse
// shared timer for request timeouts without a caller signal.
import { readFileSync } from 'node:fs';
import { defaultPathSerializer } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { addDeadline, cancelDeadline, tickMs } from '../src/request-deadlines.js';
import { serializeNoQuery, serializeSimplePath } from '../src/request-serializers.js';

describe('request serializers', () => {
  it.each(['7f3c9a52-4a8e-4c1e-9d8e-0b7e5b1f2a10', 'a/b?c#d e', 'ünï', 42])(
    'encode a path id as openapi-fetch does: %s',
    (id) => {
      const url = 'https://api.example.com/runwayml/v1/tasks/{id}';
      expect(serializeSimplePath(url, { id })).toBe(defaultPathSerializer(url, { id }));
    },
  );

  it('leave a template without a value, refuse objects, and never add a query string', () => {
    expect(serializeSimplePath('/a/{x}/{y}', { y: 1 })).toBe('/a/{x}/1');
    expect(() => serializeSimplePath('/a/{x}', { x: { a: 1 } })).toThrow(TypeError);
    expect(serializeNoQuery()).toBe('');
  });

  it('match the spec: no route has query parameters', () => {
    const spec = readFileSync(
      new URL('../../../specs/cometapi-runway/openapi.yaml', import.meta.url),
      'utf8',
    );
    expect(spec).not.toMatch(/in:\s*query/);
  });
});

describe('request deadlines', () => {
  it('fire after their time (never before, at most a tick late) unless cancelled', async () => {
    const started = performance.now();
    const fired = new Promise<number>((resolve) => addDeadline(30, () => resolve(performance.now())));
    let cancelledFired = false;
    cancelDeadline(addDeadline(10, () => (cancelledFired = true)));
    const at = (await fired) - started;
    expect(at).toBeGreaterThanOrEqual(30);
    expect(at).toBeLessThan(30 + tickMs + 50);
    expect(cancelledFired).toBe(false);
  });
});
