// The message table: every rule's words, the field rules read from the generated schemas (so from the spec),
// and validation reporting each kind of bad field in those words, never zod's.
import { describe, expect, it } from 'vitest';
import { zCharacterPerformanceRequest, zRatio } from '../src/generated/cometapi-runway/zod.gen.js';
import {
  characterPerformanceFieldRules,
  checkAssetUri,
  fieldMessages,
  validateCharacterPerformanceInput,
} from '../src/index.js';
import { input } from './helpers.js';

const seedSchema = zCharacterPerformanceRequest.shape.seed;
const intensitySchema = zCharacterPerformanceRequest.shape.expressionIntensity.unwrap();

describe('the field rules come from the generated schemas', () => {
  it('numbers carry the spec bounds, enums the spec values, objects their keys', () => {
    expect(characterPerformanceFieldRules.get('seed')).toEqual({
      kind: 'integer',
      min: seedSchema.minValue,
      max: seedSchema.maxValue,
    });
    expect(characterPerformanceFieldRules.get('expressionIntensity')).toEqual({
      kind: 'integer',
      min: intensitySchema.minValue,
      max: intensitySchema.maxValue,
    });
    expect(characterPerformanceFieldRules.get('ratio')).toEqual({ kind: 'oneOf', values: zRatio.options });
    expect(characterPerformanceFieldRules.get('character.type')).toEqual({
      kind: 'oneOf',
      values: ['image', 'video'],
    });
    expect(characterPerformanceFieldRules.get('reference.type')).toEqual({
      kind: 'oneOf',
      values: ['video'],
    });
    expect(characterPerformanceFieldRules.get('model')).toEqual({ kind: 'oneOf', values: ['act_two'] });
    expect(characterPerformanceFieldRules.get('bodyControl')).toEqual({ kind: 'boolean' });
    expect(characterPerformanceFieldRules.get('character.uri')).toEqual({ kind: 'assetUri' });
    expect(characterPerformanceFieldRules.get('character')).toEqual({
      kind: 'object',
      keys: ['type', 'uri'],
    });
    expect(characterPerformanceFieldRules.get('contentModeration.publicFigureThreshold')).toEqual({
      kind: 'oneOf',
      values: ['auto', 'low'],
    });
  });
});

describe('the message table', () => {
  it.each([
    [fieldMessages.required(), 'is required'],
    [fieldMessages.wholeNumber(), 'must be a whole number'],
    [fieldMessages.number(), 'must be a number'],
    [fieldMessages.between(0, 4294967295), 'must be between 0 and 4294967295'],
    [fieldMessages.trueOrFalse(), 'must be true or false'],
    [fieldMessages.oneOf(['auto', 'low']), 'must be one of auto, low'],
    [fieldMessages.oneOf(['act_two']), 'must be act_two'],
    [fieldMessages.object(['type', 'uri']), 'must be an object with type and uri'],
    [
      fieldMessages.inputObject(['character', 'reference']),
      'must be an object with at least character and reference',
    ],
    [fieldMessages.unknownField(['a', 'b']), 'is not a known field (known: a, b)'],
    [fieldMessages.forbiddenKey(), 'is not allowed (a reserved name)'],
    [fieldMessages.httpsUrl(), 'must be an https URL with a host name, or a base64 data: URI'],
    [fieldMessages.httpsScheme('http'), 'must be an https URL with a host name (not http:)'],
    [fieldMessages.hostName(), 'must be an https URL with a host name, not an IP address'],
    [
      fieldMessages.publicHostName('localhost'),
      'must be an https URL with a public host name ("localhost" is not one)',
    ],
    [fieldMessages.noCredentials(), 'must not contain a user name or password'],
    [fieldMessages.urlLength(2100, 2048), 'must be at most 2048 characters long (it is 2100)'],
    [
      fieldMessages.dataUriTooLarge(6 * 1024 * 1024, 5 * 1024 * 1024, 'image'),
      "is 6 MB once decoded; an image data: URI may hold at most 5 MB (the provider's limit; host a larger file on HTTPS and pass its URL)",
    ],
    [
      fieldMessages.mediaType('image/gif', 'image', ['JPEG', 'PNG', 'WebP'], ['image/jpeg', 'image/png']),
      'is labelled image/gif; an image must be JPEG, PNG or WebP (image/jpeg, image/png)',
    ],
    [
      fieldMessages.codec('Theora', ['H.264', 'AV1']),
      'uses the Theora video codec; the provider takes H.264 or AV1',
    ],
    [
      fieldMessages.codec(null, ['H.264', 'AV1']),
      'uses a video codec the provider does not take (it takes H.264 or AV1); re-encode it with one of those',
    ],
    [
      fieldMessages.dataUriTooLarge(16 * 1024 * 1024 + 1, 16 * 1024 * 1024, 'video'),
      "is 16,777,217 bytes once decoded; a video data: URI may hold at most 16,777,216 bytes (the provider's limit; host a larger file on HTTPS and pass its URL)",
    ],
    [
      fieldMessages.incompleteVideo(),
      'is incomplete: the file was cut short and part of its media data is missing; send the whole file',
    ],
    [
      fieldMessages.noMediaTracks(['MP4', 'WebM']),
      'is incomplete or unreadable: it holds no audio or video track (an MP4 cut short before its index, for instance); send the whole MP4 or WebM file',
    ],
    [
      fieldMessages.base64(),
      'must hold valid base64 after ";base64," (only A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4 characters)',
    ],
    [fieldMessages.duration(2, 3, 30), 'is 2.0 s long; the reference clip must be 3–30 s'],
    [fieldMessages.duration(30.04, 3, 30), 'is 30.04 s long; the reference clip must be 3–30 s'],
    [
      fieldMessages.fileTooLarge(7.2 * 1024 * 1024, 5 * 1024 * 1024, 'image'),
      "is a 7.2 MB file; an image sent inline may be at most 5 MB (the provider's limit for data: URIs; host a larger file on HTTPS and pass its URL)",
    ],
    [
      fieldMessages.fileType('', 'video', ['MP4', 'WebM'], ['video/mp4', 'video/webm']),
      'is of an unknown type; a video must be MP4 or WebM (video/mp4, video/webm)',
    ],
    [
      fieldMessages.fileType('image/gif', 'image', ['PNG'], ['image/png']),
      'is of type image/gif; an image must be PNG (image/png)',
    ],
    [
      fieldMessages.fileTooLarge(5 * 1024 * 1024 + 1, 5 * 1024 * 1024, 'image'),
      "is a file of 5,242,881 bytes; an image sent inline may be at most 5,242,880 bytes (the provider's limit for data: URIs; host a larger file on HTTPS and pass its URL)",
    ],
    [fieldMessages.uploadFailed(), 'could not be uploaded; try again'],
    [fieldMessages.dataUriShape('image'), 'must be a base64 data: URI like data:image/png;base64,…'],
    [fieldMessages.dataUriShape('video'), 'must be a base64 data: URI like data:video/mp4;base64,…'],
    [
      fieldMessages.container('Ogg', 'application/ogg', ['MP4'], ['video/mp4']),
      'holds an Ogg file (application/ogg); a video must be MP4 (video/mp4)',
    ],
    [
      fieldMessages.containerLabel('video/webm', 'Matroska', 'video/x-matroska'),
      'is labelled video/webm but holds a Matroska video (video/x-matroska)',
    ],
    [fieldMessages.rejectedByProvider(), 'was rejected by the video provider'],
    [fieldMessages.invalid(), 'is not valid'],
  ])('%s', (message, expected) => {
    expect(message).toBe(expected);
  });
});

/** One sample of every entry of the table: typed by the table, so a new entry cannot go unchecked. */
const everyMessage: Record<keyof typeof fieldMessages, string> = {
  required: fieldMessages.required(),
  wholeNumber: fieldMessages.wholeNumber(),
  number: fieldMessages.number(),
  between: fieldMessages.between(1, 5),
  trueOrFalse: fieldMessages.trueOrFalse(),
  oneOf: fieldMessages.oneOf(['auto', 'low']),
  object: fieldMessages.object(['type', 'uri']),
  inputObject: fieldMessages.inputObject(['character', 'reference']),
  unknownField: fieldMessages.unknownField(['seed']),
  forbiddenKey: fieldMessages.forbiddenKey(),
  httpsUrl: fieldMessages.httpsUrl(),
  httpsScheme: fieldMessages.httpsScheme('ftp'),
  hostName: fieldMessages.hostName(),
  publicHostName: fieldMessages.publicHostName('intranet'),
  noCredentials: fieldMessages.noCredentials(),
  urlLength: fieldMessages.urlLength(3000, 2048),
  surroundingSpace: fieldMessages.surroundingSpace(),
  schemeCase: fieldMessages.schemeCase(),
  dataUriShape: fieldMessages.dataUriShape('video', 'parameters'),
  base64: fieldMessages.base64(),
  dataUriTooLarge: fieldMessages.dataUriTooLarge(7_000_000, 5_242_880, undefined),
  mediaType: fieldMessages.mediaType('image/gif', 'image', ['PNG'], ['image/png']),
  labelMismatch: fieldMessages.labelMismatch('image/png', 'a JPEG image'),
  notOfLabel: fieldMessages.notOfLabel('video/mp4', 'an MP4/MOV video', true),
  unreadableVideo: fieldMessages.unreadableVideo('unrecognizable format', ['MP4', 'WebM']),
  container: fieldMessages.container('Ogg', 'ogg', ['MP4', 'WebM'], ['video/mp4', 'video/webm']),
  containerLabel: fieldMessages.containerLabel('video/webm', 'Matroska', 'mkv'),
  noVideoTrack: fieldMessages.noVideoTrack(),
  incompleteVideo: fieldMessages.incompleteVideo(),
  noMediaTracks: fieldMessages.noMediaTracks(['MP4']),
  codec: fieldMessages.codec('Theora', ['H.264']),
  duration: fieldMessages.duration(2, 3, 30),
  fileTooLarge: fieldMessages.fileTooLarge(7_000_000, 5_242_880, 'image'),
  fileType: fieldMessages.fileType('image/gif', 'image', ['PNG'], ['image/png']),
  uploadFailed: fieldMessages.uploadFailed(),
  uploadResult: fieldMessages.uploadResult(),
  wholeNumberFrom: fieldMessages.wholeNumberFrom(1, 100),
  once: fieldMessages.once(2),
  cursor: fieldMessages.cursor(),
  rejectedByProvider: fieldMessages.rejectedByProvider(),
  invalid: fieldMessages.invalid(),
};

describe('every message reads after the field name', () => {
  // "character.uri must …", "reference.uri is …": a verb first, never a subject of its own ("the data
  // after …", "its video codec …") that would make "character.uri the data after …".
  it.each(Object.entries(everyMessage))('%s', (_, message) => {
    expect(message).toMatch(/^(must|is|was|could|holds|uses) /);
  });
});

const issuesOf = (value: unknown) => {
  const result = validateCharacterPerformanceInput(value);
  if (result.ok) throw new Error('expected invalid input');
  return Object.fromEntries(result.issues.map((issue) => [issue.path, issue.message]));
};

describe('validation speaks the table, with the spec bounds and values', () => {
  it.each([
    ['seed below the range', { seed: -1 }, 'seed', 'must be between 0 and 4294967295'],
    ['seed above the range', { seed: 4294967296 }, 'seed', 'must be between 0 and 4294967295'],
    ['a fractional seed', { seed: 1.5 }, 'seed', 'must be a whole number'],
    ['a seed that is text', { seed: '12' }, 'seed', 'must be a whole number'],
    ['a null seed', { seed: null }, 'seed', 'must be a whole number'],
    [
      'expressionIntensity above 5',
      { expressionIntensity: 9 },
      'expressionIntensity',
      'must be between 1 and 5',
    ],
    ['a fractional intensity', { expressionIntensity: 2.5 }, 'expressionIntensity', 'must be a whole number'],
    [
      'an unknown ratio',
      { ratio: '1:1' },
      'ratio',
      'must be one of 1280:720, 720:1280, 960:960, 1104:832, 832:1104, 1584:672',
    ],
    ['another model', { model: 'gen4' }, 'model', 'must be act_two'],
    ['bodyControl as text', { bodyControl: 'yes' }, 'bodyControl', 'must be true or false'],
    [
      'an unknown threshold',
      { contentModeration: { publicFigureThreshold: 'high' } },
      'contentModeration.publicFigureThreshold',
      'must be one of auto, low',
    ],
    [
      'an unknown character type',
      { character: { type: 'audio', uri: 'https://a.example.com/x' } },
      'character.type',
      'must be one of image, video',
    ],
    [
      'a reference that is an image',
      { reference: { type: 'image', uri: 'https://a.example.com/r.mp4' } },
      'reference.type',
      'must be video',
    ],
    [
      'a character that is text',
      { character: 'face.png' },
      'character',
      'must be an object with type and uri',
    ],
    [
      'an http asset',
      { character: { type: 'image', uri: 'http://a.example.com/c.png' } },
      'character.uri',
      'must be an https URL with a host name (not http:)',
    ],
    [
      'an IP-literal asset host',
      { reference: { type: 'video', uri: 'https://10.0.0.1/r.mp4' } },
      'reference.uri',
      'must be an https URL with a host name, not an IP address',
    ],
    ['an empty asset URI', { character: { type: 'image', uri: '' } }, 'character.uri', 'is required'],
    [
      'an asset URI that is a number',
      { character: { type: 'image', uri: 42 } },
      'character.uri',
      'must be an https URL with a host name, or a base64 data: URI',
    ],
    [
      'a URL the spec pattern refuses (a space)',
      { reference: { type: 'video', uri: 'https://a.example.com/ r.mp4' } },
      'reference.uri',
      'must be an https URL with a host name, or a base64 data: URI',
    ],
    [
      'a typo',
      { expresionIntensity: 2 },
      'expresionIntensity',
      expect.stringMatching(/^is not a known field/),
    ],
  ])('%s', (_, change, path, message) => {
    expect(issuesOf({ ...input(), ...change })[path]).toEqual(message);
  });

  it('a missing character and reference are "required"; a non-object input says what it must be', () => {
    expect(issuesOf({})).toEqual({ character: 'is required', reference: 'is required' });
    expect(issuesOf([input()])).toEqual({ '': 'must be an object with at least character and reference' });
  });

  it('never says anything in zod’s words', () => {
    const issues = issuesOf({
      character: { type: 'video', uri: 'ftp://a' },
      reference: 3,
      seed: -5,
      expressionIntensity: 'x',
      ratio: 7,
      bodyControl: null,
    });
    for (const message of Object.values(issues)) {
      expect(message).not.toMatch(/Too (big|small)|expected|Invalid (input|option|string)|received/);
    }
  });

  it('checkAssetUri speaks the table too', () => {
    expect(checkAssetUri('https://user:pw@a.example.com/x.png')).toBe(fieldMessages.noCredentials());
    expect(checkAssetUri('https://localhost/x.png')).toBe(fieldMessages.publicHostName('localhost'));
    expect(checkAssetUri('data:nonsense')).toBe(fieldMessages.dataUriShape(undefined));
    expect(checkAssetUri('DATA:image/png;base64,AAAA', 'image')).toBe(
      fieldMessages.dataUriShape('image', 'case'),
    );
  });
});
