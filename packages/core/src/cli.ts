// The `actkit` command. Exit codes: 0 success; 1 the task failed, was cancelled or did not finish in time;
// 2 usage or validation error (nothing was sent); 3 API or network error; 4 the create failed in a way that
// does not tell whether the task was started (TaskMayExistError): it may exist and be billed, so a script
// must not simply run again; the message says how to look for it; 130 interrupted.
import { parseArgs } from 'node:util';
import { AssetArgumentError, readAssetArgument } from './cli/asset-argument.js';
import { EmulatorMissingError, type RunningEmulator, startBuiltInEmulator } from './cli/load-emulator.js';
import { createProgressDisplay } from './cli/progress-bar.js';
import {
  ActkitAbortError,
  ActkitError,
  ActkitValidationError,
  type CharacterPerformanceInput,
  createActkitClient,
  RateLimitError,
  ServerError,
  TaskFailedError,
  TaskMayExistError,
  TaskTimeoutError,
} from './index.js';
import { downloadOutput } from './node/index.js';
import { outputUrlExpiresAt } from './output-url-expiry.js';

const usage = `Usage:
  actkit run --character ASSET --reference ASSET [options]   create a task, show progress, download the video
  actkit task ID [options]                                   read the task now; print it as JSON

ASSET: an https URL, a base64 data: URI, or the path of a file (JPEG, PNG or WebP image; MP4, MOV or WebM
  video), sent inline as a data: URI of the type its bytes show (Runway's caps: image 5 MB, video 16 MB;
  the reference clip 3-30 s; checked before anything is sent). CometAPI's page for this route documents
  https URLs; Runway documents data: URIs and CometAPI forwards them.

run options:
  --character-type image|video   default: what a file's bytes show; for a URL, video for .mp4/.mov/.webm
  --ratio R                      e.g. 1280:720 (default from the spec)
  --seed N                       0..4294967295
  --expression-intensity N       1..5
  --body-control | --no-body-control
  --out FILE                     where to save the video (default actkit-<task id>.mp4)
  --timeout-ms N                 give up waiting after N ms (default 30 minutes)

task: every call reads the task from the API (nothing is cached), so its output URLs are fresh; they
  expire (Runway: 24-48 h after the task ended; stderr says when, if the URL tells): run it again for new
  ones rather than keeping them.

common options:
  --base-url URL                 API origin (or ACTKIT_BASE_URL; default https://api.cometapi.com)
  --emulator                     run against the built-in emulator (needs @actkit/emulator installed)
  --emulator-task-ms N           how long emulated tasks take (default 8000)
  -h, --help

The API key comes from COMETAPI_KEY.
Exit codes: 0 ok, 1 task failed or timed out, 2 usage/validation error, 3 API/network error,
  4 the task may exist (the create's answer was lost: look for it before running again), 130 interrupted.`;

class UsageError extends Error {}

/** When the output URLs stop working, as far as they say, for stderr. */
function expiryNote(output: readonly string[]): string {
  const expiries = output.map(outputUrlExpiresAt);
  const known = expiries.filter((at): at is number => at !== undefined);
  return known.length === expiries.length
    ? `actkit: output URLs read just now; they expire at ${new Date(Math.min(...known)).toISOString()}`
    : 'actkit: output URLs read just now; they expire (24-48 h after the task ended at Runway): download them soon';
}

const exitCodes = { ok: 0, taskFailed: 1, usage: 2, api: 3, taskMayExist: 4, interrupted: 130 } as const;

/** The id of the task this run created, once known: errors after that say how to follow it. */
let createdTaskId: string | undefined;

/** How to find a task whose create may have started it (the id is rarely known then). */
function howToFindTask(sentAt: string | undefined, taskId: string | undefined): string {
  if (taskId) return `  Look it up with: actkit task ${taskId}\n`;
  return (
    `  The request was sent at ${sentAt ?? 'an unknown time'}. Look for a task created around then in your\n` +
    "  CometAPI dashboard's task list before running again; with its id, `actkit task <id>` shows it.\n"
  );
}

/**
 * The wait a 429 or 5xx asked for (`retryAfterMs` on RateLimitError / ServerError), in words: "45 seconds",
 * "1 second", "300 seconds (about 5 minutes)" (rounded up to whole seconds); undefined when the provider
 * said nothing (or 0).
 */
function providerWait(error: ActkitError): string | undefined {
  if (!(error instanceof RateLimitError || error instanceof ServerError)) return undefined;
  const ms = error.retryAfterMs;
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return undefined;
  const seconds = Math.ceil(ms / 1000);
  const minutes = Math.round(seconds / 60);
  return `${seconds} second${seconds === 1 ? '' : 's'}${seconds >= 120 ? ` (about ${minutes} minutes)` : ''}`;
}

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new UsageError(`--${name} must be a number (got "${value}")`);
  return n;
}

const looksLikeVideo = (uri: string) =>
  /^data:video\//i.test(uri) || /\.(mp4|mov|webm|m4v)(\?|#|$)/i.test(uri);

/** `reference.uri` → `--reference ./clip.mp4` for the assets read from files: validation errors name them. */
const assetSources = new Map<string, string>();

/**
 * The assets of `run`: each flag's URL as given, or its file read into a data: URI (cli/asset-argument.ts),
 * and the character's type: `--character-type`, else what the file's bytes show, else video for a URL that
 * ends like one. Throws UsageError without both flags, AssetArgumentError for a path that names no file,
 * ActkitValidationError for a file over its data: URI cap.
 */
async function runAssets(values: { character?: string; reference?: string; 'character-type'?: string }) {
  if (!values.character || !values.reference)
    throw new UsageError('run needs --character and --reference (each an https URL, a data: URI or a file)');
  const typeFlag = values['character-type'];
  const kindOf = (mediaType: string) =>
    typeFlag === 'image' || typeFlag === 'video'
      ? typeFlag
      : mediaType.startsWith('video/')
        ? 'video'
        : 'image';
  const character = await readAssetArgument('character', values.character, kindOf);
  const reference = await readAssetArgument('reference', values.reference, () => 'video');
  const read = { 'character.uri': character, 'reference.uri': reference };
  for (const [path, asset] of Object.entries(read)) if (asset.source) assetSources.set(path, asset.source);
  const problems = Object.entries(read).flatMap(([path, { problem }]) =>
    problem ? [{ path, message: problem }] : [],
  );
  if (problems.length > 0) throw new ActkitValidationError(problems);
  const fromUri = looksLikeVideo(character.uri) ? 'video' : 'image';
  const characterType = typeFlag ?? (character.mediaType ? kindOf(character.mediaType) : fromUri);
  return { character, reference, characterType };
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      character: { type: 'string' },
      reference: { type: 'string' },
      'character-type': { type: 'string' },
      ratio: { type: 'string' },
      seed: { type: 'string' },
      'expression-intensity': { type: 'string' },
      'body-control': { type: 'boolean' },
      'no-body-control': { type: 'boolean' },
      out: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'base-url': { type: 'string' },
      emulator: { type: 'boolean' },
      'emulator-task-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? process.stdout : process.stderr).write(`${usage}\n`);
    return values.help ? exitCodes.ok : exitCodes.usage;
  }
  if (command !== 'run' && command !== 'task') throw new UsageError(`Unknown command "${command}"`);
  if (command === 'task' && rest.length !== 1) throw new UsageError('actkit task needs exactly one task id');
  if (command === 'run' && rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}"`);
  if (values['body-control'] && values['no-body-control']) {
    throw new UsageError('--body-control and --no-body-control exclude each other');
  }
  // Files are read before anything starts: a path that names no file is a usage error, and nothing is sent.
  const assets = command === 'run' ? await runAssets(values) : undefined;

  let emulator: RunningEmulator | undefined;
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    if (values.emulator)
      emulator = await startBuiltInEmulator(numberOption('emulator-task-ms', values['emulator-task-ms']));
    const client = createActkitClient({
      baseUrl: emulator?.url ?? values['base-url'] ?? process.env.ACTKIT_BASE_URL,
      apiKey: process.env.COMETAPI_KEY ?? (emulator ? 'emulator' : undefined),
    });

    if (command === 'task') {
      const task = await client.tasks.retrieve(rest[0] ?? '', { signal: controller.signal });
      process.stdout.write(`${JSON.stringify(task, null, 2)}\n`);
      if (task.status === 'SUCCEEDED') process.stderr.write(`${expiryNote(task.output)}\n`);
      return exitCodes.ok;
    }

    if (!assets) throw new UsageError('run needs --character and --reference');
    const { character, reference, characterType } = assets;
    const bodyControl = values['body-control'] ? true : values['no-body-control'] ? false : undefined;
    const input = {
      character: { type: characterType, uri: character.uri },
      reference: { type: 'video', uri: reference.uri },
      ...(values.ratio !== undefined && { ratio: values.ratio }),
      ...(values.seed !== undefined && { seed: numberOption('seed', values.seed) }),
      ...(values['expression-intensity'] !== undefined && {
        expressionIntensity: numberOption('expression-intensity', values['expression-intensity']),
      }),
      ...(bodyControl !== undefined && { bodyControl }),
    } as CharacterPerformanceInput;

    const progress = createProgressDisplay(process.stderr);
    const task = await client.characterPerformance.run(input, {
      signal: controller.signal,
      timeoutMs: numberOption('timeout-ms', values['timeout-ms']),
      onCreated: ({ id, seed }) => {
        createdTaskId = id;
        // The seed sent (given with --seed, or drawn at random): with the same inputs it reproduces the result.
        process.stderr.write(`task ${id} created (seed ${seed})\n`);
      },
      onProgress: (t) => progress.task(t),
    });
    progress.done();
    const out = values.out ?? `actkit-${task.id}.mp4`;
    const download = await downloadOutput(task, out, {
      client, // an output URL that has expired already is renewed by reading the task again
      signal: controller.signal,
      onProgress: ({ fraction, receivedBytes }) => progress.download(fraction, receivedBytes),
    });
    progress.done();
    process.stderr.write(`saved ${download.path} (${download.bytes} bytes)\n`);
    process.stdout.write(
      `${JSON.stringify({ id: task.id, status: task.status, seed: task.seed, output: task.output, file: download.path })}\n`,
    );
    return exitCodes.ok;
  } finally {
    process.off('SIGINT', onSigint);
    await emulator?.close();
  }
}

/** `reference.uri (--reference ./clip.mp4)` for an asset read from a file; the path alone otherwise. */
const describeIssuePath = (path: string) => {
  const source = assetSources.get(path);
  return `${path || '(input)'}${source ? ` (${source})` : ''}`;
};

function report(error: unknown): number {
  process.stderr.write('\n');
  if (error instanceof AssetArgumentError) {
    process.stderr.write(`actkit: ${error.message}\n`);
    return exitCodes.usage;
  }
  if (error instanceof UsageError || (error as { code?: string })?.code?.startsWith?.('ERR_PARSE_ARGS')) {
    process.stderr.write(`actkit: ${(error as Error).message}\n\n${usage}\n`);
    return exitCodes.usage;
  }
  if (error instanceof EmulatorMissingError) {
    process.stderr.write(`actkit: ${error.message}\n`);
    return exitCodes.usage;
  }
  if (error instanceof ActkitValidationError) {
    process.stderr.write(
      `actkit: invalid input:\n${error.issues.map((i) => `  ${describeIssuePath(i.path)}: ${i.message}`).join('\n')}\n`,
    );
    return error.status === undefined ? exitCodes.usage : exitCodes.api;
  }
  if (error instanceof TaskMayExistError) {
    process.stderr.write(
      `actkit: the task may exist (and be billed): ${error.message}${error.requestId ? ` [request id ${error.requestId}]` : ''}\n${howToFindTask(error.sentAt, error.taskId)}`,
    );
    return exitCodes.taskMayExist;
  }
  if (error instanceof TaskFailedError || error instanceof TaskTimeoutError) {
    const hint =
      error instanceof TaskFailedError
        ? error.retryable
          ? ' (a retry may succeed)'
          : ' (retrying will not help)'
        : '';
    process.stderr.write(`actkit: ${error.message}${hint}\n`);
    if (error instanceof TaskTimeoutError) {
      process.stderr.write(`  Follow the task with: actkit task ${error.taskId}\n`);
    }
    return exitCodes.taskFailed;
  }
  if (error instanceof ActkitAbortError) {
    process.stderr.write(`actkit: ${error.message}\n`);
    if (error.taskMayExist) process.stderr.write(howToFindTask(undefined, createdTaskId));
    else if (createdTaskId) process.stderr.write(`  Follow the task with: actkit task ${createdTaskId}\n`);
    return exitCodes.interrupted;
  }
  if (error instanceof ActkitError) {
    if (error.message.includes('COMETAPI_KEY') && error.status === undefined) {
      process.stderr.write(`actkit: ${error.message} (or use --emulator)\n`);
      return exitCodes.usage;
    }
    process.stderr.write(
      `actkit: ${error.name}: ${error.message}${error.requestId ? ` [request id ${error.requestId}]` : ''}\n`,
    );
    const wait = providerWait(error);
    if (wait) process.stderr.write(`  The provider asks to wait ${wait} before trying again.\n`);
    if (createdTaskId)
      process.stderr.write(`  The task was created; follow it with: actkit task ${createdTaskId}\n`);
    return exitCodes.api;
  }
  process.stderr.write(
    `actkit: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  return exitCodes.api;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = report(error);
  },
);
