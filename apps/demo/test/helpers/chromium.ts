// Debian's Chromium driven by playwright-core (which never downloads a browser). The flags keep Chromium
// off this machine's closed network (without them it retries Google's hosts at every start).
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const candidates = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'];

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found: apt-get install -y chromium (or set CHROMIUM_PATH). .ci/run installs it.',
    );
  }
  return found;
}

/**
 * A headless Chromium. Playwright gives every launch() a new, empty temporary profile (its own
 * --user-data-dir), so no state leaks between runs.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
