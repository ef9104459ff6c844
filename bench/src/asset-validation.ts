// "Validation time of a create with a 10 MB video data: URI", next to the time it takes to upload those bytes
// over loopback: what checking a clip before sending costs against what sending a clip the provider would
// refuse costs. The clip is a real 5 s H.264 MP4 made by ffmpeg, padded to 10 MB with an MP4 `free` box.
// Validation = what `characterPerformance.create` runs before sending: the synchronous checks (schema, size,
// media type, file signature, base64 alphabet) and the container read (base64 decode + mediabunny), each
// round on a fresh input object so nothing is reused. Upload = POSTing the same JSON body (already
// serialised) to a sink in a CHILD process that reads every byte and answers 204: pure transfer, the
// cheapest a create of this body could ever be, so the ratio is the least favourable to validation.
import { spawn } from 'node:child_process';
import v8 from 'node:v8';
import vm from 'node:vm';
import { validateAssetMedia, validateCharacterPerformanceInput } from '@actkit/core';
import { clip, dataUri, MB, padMp4 } from '../../packages/core/test/media-clips.js';
import { checked, info, type Metric } from './metric.js';
import { median } from './stats.js';

// Each step starts on a collected heap, so neither pays for the other's garbage (a 13 MB body string and its
// UTF-8 copy on one side, a 10 MB decoded clip on the other).
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

export interface AssetValidationConfig {
  /** Rounds of (validate, upload), alternating which goes first. */
  rounds: number;
  /** Decoded size of the video data: URI, in bytes. */
  bytes: number;
}

export const defaultAssetValidationConfig: AssetValidationConfig = { rounds: 31, bytes: 10 * MB };

const sinkScript = `
const server = require('node:http').createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => { res.writeHead(204); res.end(); });
});
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
`;

async function startSink(): Promise<{ url: string; close(): void }> {
  const child = spawn(process.execPath, ['-e', sinkScript], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`sink exited with ${code}`)));
  });
  return { url, close: () => child.kill('SIGTERM') };
}

export async function measureAssetValidation(config = defaultAssetValidationConfig): Promise<Metric[]> {
  const uri = dataUri('video/mp4', padMp4(await clip(5), config.bytes));
  const input = () => ({
    character: { type: 'image' as const, uri: 'https://assets.example.com/face.png' },
    reference: { type: 'video' as const, uri },
  });
  const validate = async () => {
    collectGarbage();
    const started = performance.now();
    const checkedInput = validateCharacterPerformanceInput(input());
    if (!checkedInput.ok)
      throw new Error(`the bench clip is invalid: ${JSON.stringify(checkedInput.issues)}`);
    const issues = await validateAssetMedia(checkedInput.value);
    if (issues.length > 0) throw new Error(`the bench clip is invalid: ${JSON.stringify(issues)}`);
    return performance.now() - started;
  };
  // The first call also loads the parser (a dynamic import); reported on its own row.
  const firstCall = await validate();

  const sink = await startSink();
  try {
    const body = JSON.stringify(checkedBody(input()));
    const upload = async () => {
      collectGarbage();
      const started = performance.now();
      const response = await fetch(sink.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await response.arrayBuffer();
      if (response.status !== 204) throw new Error(`sink answered ${response.status}`);
      return performance.now() - started;
    };
    await upload(); // connection, warm-up
    const validations: number[] = [];
    const uploads: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < config.rounds; round++) {
      const [v, u] =
        round % 2 ? [await validate(), await upload()] : [await upload(), await validate()].reverse();
      validations.push(v!);
      uploads.push(u!);
      ratios.push(v! / u!);
    }
    const mb = (config.bytes / MB).toFixed(0);
    return [
      checked(
        `asset validation vs upload, ${mb} MB video data: URI`,
        median(ratios),
        'x',
        '<=',
        0.5,
        `validation ${median(validations).toFixed(1)} ms, upload of the ${(body.length / MB).toFixed(1)} MB body over loopback ${median(uploads).toFixed(1)} ms`,
      ),
      info(`asset validation time, ${mb} MB video data: URI`, median(validations), 'ms'),
      info(`asset validation, first call (loads the parser)`, firstCall, 'ms'),
    ];
  } finally {
    sink.close();
  }
}

/** The wire body a create sends (the spec's defaults filled in). */
function checkedBody(input: unknown) {
  const result = validateCharacterPerformanceInput(input);
  if (!result.ok) throw new Error('invalid bench input');
  return result.value;
}
