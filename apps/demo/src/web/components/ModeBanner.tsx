// Says where tasks run, so nobody mistakes the emulator's sample clip for a real generation (or the reverse).
import type { DemoInfo } from '../../shared/demo-api.js';

export function ModeBanner({ info, error }: { info: DemoInfo | undefined; error: string | undefined }) {
  if (error) {
    return (
      <p className="banner banner-error" role="alert">
        The demo server did not answer: {error}
      </p>
    );
  }
  if (!info) return <p className="banner">Connecting to the demo server…</p>;
  if (info.mode === 'emulator') {
    const seconds = Math.round((info.emulatorTaskMs ?? 0) / 100) / 10;
    return (
      <p className="banner banner-emulator" data-mode="emulator">
        <strong>Emulator mode.</strong> No <code>COMETAPI_KEY</code> is set, so tasks run on the built-in
        emulator (about {seconds} s each) and every task returns the same sample clip. Set{' '}
        <code>COMETAPI_KEY</code> and restart to generate real videos through CometAPI. Backend:{' '}
        {info.backend}.
      </p>
    );
  }
  return (
    <p className="banner banner-live" data-mode="CometAPI">
      <strong>CometAPI mode.</strong> Tasks run on Runway Act-Two through CometAPI: real videos, paid credits.
      The key stays on the server. Backend: {info.backend}.
    </p>
  );
}
