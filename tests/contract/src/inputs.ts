// Request bodies for the suite: a valid one, a moderation failure, and one broken body per rule with the
// path the 400's errors[] must name.

export const validInput = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

/** The emulator fails a task whose asset URI contains `fail-moderation` with SAFETY.INPUT.*. */
export const moderatedInput = {
  character: { type: 'image', uri: 'https://assets.example.com/fail-moderation.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
};

export interface InvalidCase {
  name: string;
  /** Sent as is when a string (raw JSON text), else JSON-encoded. */
  body: unknown;
  /** A path errors[] must contain. */
  path: string;
}

export const invalidInputs: InvalidCase[] = [
  { name: 'missing character', body: { reference: validInput.reference }, path: 'character' },
  { name: 'missing reference', body: { character: validInput.character }, path: 'reference' },
  {
    name: 'http (not https) asset',
    body: { ...validInput, character: { type: 'image', uri: 'http://assets.example.com/c.png' } },
    path: 'character.uri',
  },
  {
    name: 'IP-literal asset host',
    body: { ...validInput, reference: { type: 'video', uri: 'https://10.0.0.1/p.mp4' } },
    path: 'reference.uri',
  },
  {
    name: 'unknown character type',
    body: { ...validInput, character: { type: 'audio', uri: validInput.character.uri } },
    path: 'character.type',
  },
  {
    name: 'reference that is not a video',
    body: { ...validInput, reference: { type: 'image', uri: validInput.reference.uri } },
    path: 'reference.type',
  },
  {
    name: 'expressionIntensity above 5',
    body: { ...validInput, expressionIntensity: 9 },
    path: 'expressionIntensity',
  },
  {
    name: 'fractional expressionIntensity',
    body: { ...validInput, expressionIntensity: 2.5 },
    path: 'expressionIntensity',
  },
  { name: 'negative seed', body: { ...validInput, seed: -1 }, path: 'seed' },
  { name: 'seed above 2^32-1', body: { ...validInput, seed: 4294967296 }, path: 'seed' },
  { name: 'unknown ratio', body: { ...validInput, ratio: '1:1' }, path: 'ratio' },
  { name: 'model other than act_two', body: { ...validInput, model: 'gen4' }, path: 'model' },
  { name: 'bodyControl not boolean', body: { ...validInput, bodyControl: 'yes' }, path: 'bodyControl' },
  {
    name: 'unknown moderation threshold',
    body: { ...validInput, contentModeration: { publicFigureThreshold: 'high' } },
    path: 'contentModeration.publicFigureThreshold',
  },
  {
    name: 'unknown field (typo)',
    body: { ...validInput, expresionIntensity: 2 },
    path: 'expresionIntensity',
  },
  {
    name: '__proto__ key',
    body: `{"character":${JSON.stringify(validInput.character)},"reference":${JSON.stringify(validInput.reference)},"__proto__":{"polluted":true}}`,
    path: '__proto__',
  },
  {
    name: 'nested constructor key',
    body: {
      ...validInput,
      character: { ...validInput.character, constructor: { prototype: { polluted: true } } },
    },
    path: 'character.constructor',
  },
  { name: 'an array body', body: [validInput], path: '' },
];
