// The slice of a test framework the conformance suite uses, as structural types: vitest's and Jest's
// `describe`, `it` and `expect` fit as they are, so @actkit/core depends on no test framework at run time.

/** What the suite asserts with: `expect(actual)` and these matchers (vitest and Jest both have them). */
export interface ConformanceMatchers {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toBeUndefined(): void;
  toBeGreaterThan(expected: number): void;
  toBeGreaterThanOrEqual(expected: number): void;
  toBeLessThanOrEqual(expected: number): void;
  toHaveLength(expected: number): void;
  toContain(expected: unknown): void;
  not: ConformanceMatchers;
}

/** The test functions the suite registers its tests with (pass your framework's own). */
export interface ConformanceTestApi {
  describe(name: string, body: () => void): void;
  /** `timeout` in ms: the suite passes one for tests that wait on lifetimes. */
  it(name: string, body: () => Promise<void>, timeout?: number): void;
  expect(actual: unknown, message?: string): ConformanceMatchers;
}
