/** The test app's folder (absolute, with a trailing separator). */
export declare const appDir: string;
/** The files of the @actkit/next README's "## Example" section. */
export declare function readmeExampleFiles(): { file: string; source: string }[];
/** A hash of everything the build reads. */
export declare function inputsHash(): string;
/** Runs `next build` unless the last build had the same inputs; `built` says whether it did, `ms` how long. */
export declare function ensureNextAppBuilt(options?: {
  timeoutMs?: number;
}): Promise<{ built: boolean; ms: number }>;
