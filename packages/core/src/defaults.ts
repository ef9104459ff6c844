// Client defaults that are not part of the provider spec (the spec's own defaults come from generated code).

/** CometAPI's public endpoint. */
export const defaultBaseUrl = 'https://api.cometapi.com';
/** Per-request timeout: a create answers in well under a second normally; 60 s leaves room for bad days. */
export const defaultTimeoutMs = 60_000;
/** Retries per request (reads, and creates that certainly started nothing). */
export const defaultMaxRetries = 3;
/** The environment variable holding the CometAPI key. */
export const apiKeyEnvVar = 'COMETAPI_KEY';
