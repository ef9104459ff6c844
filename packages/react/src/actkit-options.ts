// What an app passes to the hooks: where its own backend serves the actkit contract. Never a provider URL or key.

export interface ActkitOptions {
  /** Where the app mounts the actkit router, such as `/api/actkit` or `https://app.example.com/api/actkit`. */
  baseUrl: string;
  /** A fetch to use instead of the global one (to add headers, or in tests). */
  fetch?: (request: Request) => Promise<Response>;
  /**
   * The EventSource constructor for live updates; defaults to the global one. `false` forces polling.
   * Where none exists (old browsers, tests in jsdom) the hooks poll.
   */
  EventSource?: EventSourceConstructor | false;
  /** First polling interval in ms when polling (it grows to 5 s). Default 1000. */
  pollMs?: number;
}

/** The browser's EventSource, or a compatible one such as the `eventsource` npm package. */
export type EventSourceConstructor = new (url: string) => EventSource;
