import { describe, expect, it } from 'vitest';
import {
  characterPerformanceRequestDefaults,
  contentModerationDefaults,
} from '../src/generated/cometapi-runway/defaults.gen.js';
import { zCharacterPerformanceRequest } from '../src/generated/cometapi-runway/zod.gen.js';
import { ActkitValidationError, checkAssetUri, validateCharacterPerformanceInput } from '../src/index.js';
import { zCharacterPerformanceRequestFast } from '../src/validate-input.js';
import { clientFor, emulator, input } from './helpers.js';

describe('validateCharacterPerformanceInput', () => {
  it('fills every spec default so the wire body carries every field the seed marks required', () => {
    const result = validateCharacterPerformanceInput(input());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject(characterPerformanceRequestDefaults);
    expect(result.value.contentModeration).toEqual(contentModerationDefaults);
  });

  it('keeps given values and completes a partial contentModeration', () => {
    const result = validateCharacterPerformanceInput({ ...input(), seed: 42, contentModeration: {} });
    expect(result.ok && result.value.seed).toBe(42);
    expect(result.ok && result.value.contentModeration).toEqual(contentModerationDefaults);
  });

  it('lists every bad field with its path', () => {
    const result = validateCharacterPerformanceInput({
      character: { type: 'image', uri: 'http://assets.example.com/a.png' },
      reference: { type: 'video', uri: 'https://10.0.0.1/ref.mp4' },
      expressionIntensity: 9,
      seed: -1,
      ratio: '1:1',
      model: 'gen4',
      expresionIntensity: 2,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((issue) => issue.path).sort();
    expect(paths).toEqual(
      [
        'character.uri',
        'expresionIntensity',
        'expressionIntensity',
        'model',
        'ratio',
        'reference.uri',
        'seed',
      ].sort(),
    );
    for (const issue of result.issues) expect(issue.message).not.toBe('');
  });

  it('reports a missing character/reference and an unknown character type', () => {
    const missing = validateCharacterPerformanceInput({});
    expect(!missing.ok && missing.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['character', 'reference']),
    );
    const badType = validateCharacterPerformanceInput({
      ...input(),
      character: { type: 'audio', uri: 'https://a.example.com/x' },
    });
    expect(!badType.ok && badType.issues.map((i) => i.path)).toEqual(['character.type']);
    expect(validateCharacterPerformanceInput(null).ok).toBe(false);
  });
});

describe('the fast-path schema', () => {
  const complete = validateCharacterPerformanceInput(input());
  const base = complete.ok ? complete.value : {};
  it.each([
    ['a complete image input', base],
    ['a video character', { ...base, character: { type: 'video', uri: 'https://a.example.com/c.mp4' } }],
    ['a data URI', { ...base, character: { type: 'image', uri: 'data:image/png;base64,iVBORw0KGgo=' } }],
    [
      'extra character field',
      { ...base, character: { type: 'image', uri: 'https://a.example.com/c.png', x: 1 } },
    ],
    ['an unknown character type', { ...base, character: { type: 'audio', uri: 'https://a.example.com/c' } }],
    ['no character type', { ...base, character: { uri: 'https://a.example.com/c.png' } }],
    ['a character that is a string', { ...base, character: 'https://a.example.com/c.png' }],
    ['a bad character uri', { ...base, character: { type: 'image', uri: 'ftp://a' } }],
    ['a bad reference', { ...base, reference: { type: 'image', uri: 'https://a.example.com/r.mp4' } }],
    ['a bad seed', { ...base, seed: 1.5 }],
  ])('accepts and returns exactly what the generated schema does: %s', (_, value) => {
    const fast = zCharacterPerformanceRequestFast.safeParse(value);
    const generated = zCharacterPerformanceRequest.safeParse(value);
    expect(fast.success).toBe(generated.success);
    expect(fast.data).toEqual(generated.data);
    if (fast.success) expect(JSON.stringify(fast.data)).toBe(JSON.stringify(generated.data));
  });
});

describe('checkAssetUri', () => {
  it.each([
    'http://assets.example.com/a.png',
    'ftp://assets.example.com/a.png',
    'https://127.0.0.1/a.png',
    'https://2130706433/a.png',
    'https://0x7f.1/a.png',
    'https://[::1]/a.png',
    'https://[2001:db8::1]/a.png',
    'https://localhost/a.png',
    'https://user:pw@assets.example.com/a.png',
    'not a url',
    `https://assets.example.com/${'a'.repeat(2100)}`,
    'data:video/mp4;base64,AAAA$AAA',
    'data:nonsense',
    '',
  ])('rejects %s', (uri) => {
    expect(checkAssetUri(uri.length > 200 ? uri : uri)).toBeTypeOf('string');
  });

  it.each([
    'https://assets.example.com/a.png',
    'https://cdn.example.co.uk:8443/x/y.mp4?sig=1',
    'data:image/png;base64,iVBORw0KGgo=',
  ])('accepts %s', (uri) => {
    expect(checkAssetUri(uri)).toBeUndefined();
  });
});

describe('create validates before sending', () => {
  it('throws ActkitValidationError listing every bad field, and sends nothing', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const error = await client.characterPerformance
      .create({
        character: { type: 'image', uri: 'https://[::1]/face.png' },
        reference: { type: 'video', uri: 'http://assets.example.com/ref.mp4' },
        expressionIntensity: 7,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActkitValidationError);
    expect((error as ActkitValidationError).issues.map((i) => i.path).sort()).toEqual([
      'character.uri',
      'expressionIntensity',
      'reference.uri',
    ]);
    expect(emu.stats.requests).toBe(0);
  });
});
