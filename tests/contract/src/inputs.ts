// Request bodies for the suite: a valid one, a moderation failure, and one broken body per rule with the
// path the 400's errors[] must name and the words it must say there (core's message table: what a person
// reads, with the spec's own bounds and values).

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
  /** The message errors[] must carry for that path. */
  message: string | RegExp;
}

export const invalidInputs: InvalidCase[] = [
  {
    name: 'missing character',
    body: { reference: validInput.reference },
    path: 'character',
    message: 'is required',
  },
  {
    name: 'missing reference',
    body: { character: validInput.character },
    path: 'reference',
    message: 'is required',
  },
  {
    name: 'http (not https) asset',
    body: { ...validInput, character: { type: 'image', uri: 'http://assets.example.com/c.png' } },
    path: 'character.uri',
    message: 'must be an https URL with a host name (not http:)',
  },
  {
    name: 'IP-literal asset host',
    body: { ...validInput, reference: { type: 'video', uri: 'https://10.0.0.1/p.mp4' } },
    path: 'reference.uri',
    message: 'must be an https URL with a host name, not an IP address',
  },
  {
    name: 'unknown character type',
    body: { ...validInput, character: { type: 'audio', uri: validInput.character.uri } },
    path: 'character.type',
    message: 'must be one of image, video',
  },
  {
    name: 'reference that is not a video',
    body: { ...validInput, reference: { type: 'image', uri: validInput.reference.uri } },
    path: 'reference.type',
    message: 'must be video',
  },
  {
    name: 'expressionIntensity above 5',
    body: { ...validInput, expressionIntensity: 9 },
    path: 'expressionIntensity',
    message: 'must be between 1 and 5',
  },
  {
    name: 'fractional expressionIntensity',
    body: { ...validInput, expressionIntensity: 2.5 },
    path: 'expressionIntensity',
    message: 'must be a whole number',
  },
  {
    name: 'negative seed',
    body: { ...validInput, seed: -1 },
    path: 'seed',
    message: 'must be between 0 and 4294967295',
  },
  {
    name: 'seed above 2^32-1',
    body: { ...validInput, seed: 4294967296 },
    path: 'seed',
    message: 'must be between 0 and 4294967295',
  },
  {
    name: 'unknown ratio',
    body: { ...validInput, ratio: '1:1' },
    path: 'ratio',
    message: 'must be one of 1280:720, 720:1280, 960:960, 1104:832, 832:1104, 1584:672',
  },
  {
    name: 'model other than act_two',
    body: { ...validInput, model: 'gen4' },
    path: 'model',
    message: 'must be act_two',
  },
  {
    name: 'bodyControl not boolean',
    body: { ...validInput, bodyControl: 'yes' },
    path: 'bodyControl',
    message: 'must be true or false',
  },
  {
    name: 'unknown moderation threshold',
    body: { ...validInput, contentModeration: { publicFigureThreshold: 'high' } },
    path: 'contentModeration.publicFigureThreshold',
    message: 'must be one of auto, low',
  },
  {
    name: 'unknown field (typo)',
    body: { ...validInput, expresionIntensity: 2 },
    path: 'expresionIntensity',
    message: /^is not a known field \(known: character, reference, /,
  },
  {
    name: '__proto__ key',
    body: `{"character":${JSON.stringify(validInput.character)},"reference":${JSON.stringify(validInput.reference)},"__proto__":{"polluted":true}}`,
    path: '__proto__',
    message: 'is not allowed (a reserved name)',
  },
  {
    name: 'nested constructor key',
    body: {
      ...validInput,
      character: { ...validInput.character, constructor: { prototype: { polluted: true } } },
    },
    path: 'character.constructor',
    message: 'is not allowed (a reserved name)',
  },
  {
    name: 'an array body',
    body: [validInput],
    path: '',
    message: 'must be an object with at least character and reference',
  },
];
