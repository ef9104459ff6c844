// @ts-check
// An ESM user of @actkit/core checking a clip before sending it: the video data: URI's container is read by
// the lazily loaded `@actkit/core/media` entry (mediabunny) of the installed package. Prints the issues.
import { readFileSync } from 'node:fs';
import { validateAssetMedia } from '@actkit/core';

const uri = `data:video/mp4;base64,${readFileSync(process.argv[2] ?? '').toString('base64')}`;
const issues = await validateAssetMedia({
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri },
});
console.log(JSON.stringify({ format: 'esm', issues }));
