/** What a handler wants sent; the server may still delay it, replace it or drop it for an injected fault. */
export interface Reply {
  status: number;
  /** JSON body; absent for an empty answer (204). */
  json?: unknown;
  headers?: Record<string, string>;
}
