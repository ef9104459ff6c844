// Renders asset-limits.gen.ts: the spec's vendor extensions that JSON Schema cannot say and zod therefore
// never sees: `x-data-uri` (a data: URI's decoded-size cap, accepted media types and codecs) and
// `x-duration-seconds` (a clip's length range). Validation (core and the emulator) reads these constants,
// so a changed cap in the spec moves validation with `pnpm generate` and no hand edit.

const camel = (name) => name.charAt(0).toLowerCase() + name.slice(1);

const extensions = [
  {
    key: 'x-data-uri',
    suffix: 'Limits',
    describe: (name) =>
      `Limits of ${name} (x-data-uri), from the spec: \`maxDecodedBytes\` (bytes once base64-decoded), the accepted \`mediaTypes\` and, for video, \`codecs\`.`,
    check(name, value) {
      if (!Number.isInteger(value?.maxDecodedBytes) || value.maxDecodedBytes <= 0)
        throw new Error(`${name}: x-data-uri.maxDecodedBytes must be a positive integer`);
      if (!Array.isArray(value.mediaTypes) || value.mediaTypes.length === 0)
        throw new Error(`${name}: x-data-uri.mediaTypes must list at least one media type`);
    },
  },
  {
    key: 'x-duration-seconds',
    suffix: 'DurationSeconds',
    describe: (name) => `Length range of ${name} in seconds (x-duration-seconds, inclusive), from the spec.`,
    check(name, value) {
      if (!(typeof value?.minimum === 'number' && typeof value?.maximum === 'number'))
        throw new Error(`${name}: x-duration-seconds needs a numeric minimum and maximum`);
      if (value.minimum > value.maximum) throw new Error(`${name}: x-duration-seconds minimum > maximum`);
    },
  },
];

export function renderAssetLimits(document) {
  const schemas = document.components?.schemas ?? {};
  const blocks = [];
  for (const name of Object.keys(schemas).sort()) {
    for (const { key, suffix, describe, check } of extensions) {
      const value = schemas[name][key];
      if (value === undefined) continue;
      check(name, value);
      blocks.push(
        `/** ${describe(name)} */\nexport const ${camel(name)}${suffix} = ${JSON.stringify(value, null, 2)} as const;\n`,
      );
    }
  }
  return `\n${blocks.join('\n')}`;
}
