// The create body every client sends: the seed's example, complete, so our client's defaults change nothing
// and all three clients put the same bytes on the wire.
export const createBody = {
  character: { type: 'image', uri: 'https://assets.example.com/character.png' },
  reference: { type: 'video', uri: 'https://assets.example.com/performance.mp4' },
  bodyControl: true,
  expressionIntensity: 3,
  seed: 1,
  model: 'act_two',
  ratio: '1280:720',
  contentModeration: { publicFigureThreshold: 'auto' },
} as const;

/** Headers of a raw-fetch call, as CometAPI wants them. */
export const rawHeaders = {
  authorization: 'Bearer bench-key',
  'x-runway-version': '2024-11-06',
  'content-type': 'application/json',
};

export const apiKey = 'bench-key';
