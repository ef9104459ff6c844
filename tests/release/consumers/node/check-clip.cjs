// @ts-check
// A CommonJS user of @actkit/core checking a clip before sending it (the same job as check-clip.mjs).
const { readFileSync } = require('node:fs');
const { validateAssetMedia } = require('@actkit/core');

const uri = `data:video/mp4;base64,${readFileSync(process.argv[2] ?? '').toString('base64')}`;
validateAssetMedia({
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri },
}).then(
  (issues) => console.log(JSON.stringify({ format: 'cjs', issues })),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
