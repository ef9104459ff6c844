// Renders defaults.gen.ts: for every object schema in components.schemas, the defaults of its properties
// (following $ref, so an enum schema's default counts) and the names of its required and known properties.
// The client fills omitted fields from these and rejects unknown ones; the emulator checks required ones.

const camel = (name) => name.charAt(0).toLowerCase() + name.slice(1);

function resolve(document, schema) {
  let current = schema;
  const seen = new Set();
  while (current && typeof current.$ref === 'string' && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    const name = current.$ref.replace('#/components/schemas/', '');
    current = {
      ...document.components.schemas[name],
      ...(current.default !== undefined ? { default: current.default } : {}),
    };
  }
  return current;
}

export function renderDefaults(document) {
  const schemas = document.components?.schemas ?? {};
  const blocks = [];
  for (const name of Object.keys(schemas).sort()) {
    const schema = schemas[name];
    if (schema.type !== 'object' || !schema.properties) {
      if (schema.default !== undefined) {
        blocks.push(
          `/** Default of ${name}, from the spec. */\nexport const ${camel(name)}Default = ${JSON.stringify(schema.default)} as const;\n`,
        );
      }
      continue;
    }
    const defaults = {};
    for (const [property, child] of Object.entries(schema.properties)) {
      const resolved = resolve(document, child);
      if (resolved && resolved.default !== undefined) defaults[property] = resolved.default;
    }
    const id = camel(name);
    blocks.push(
      `/** Property defaults of ${name}, from the spec. */\n` +
        `export const ${id}Defaults = ${JSON.stringify(defaults, null, 2)} as const;\n` +
        `/** Required properties of ${name}. */\n` +
        `export const ${id}Required = ${JSON.stringify(schema.required ?? [])} as const;\n` +
        `/** Every property ${name} knows${schema.additionalProperties === false ? ' (no others are allowed)' : ''}. */\n` +
        `export const ${id}Properties = ${JSON.stringify(Object.keys(schema.properties))} as const;\n`,
    );
  }
  return `\n${blocks.join('\n')}`;
}
