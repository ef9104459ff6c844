// The form's state, and how it becomes the create input. Numbers stay strings while typing so an
// out-of-range value reaches the server as typed: the server's validation is the authority and its
// per-field messages are what the page shows. Only text that is no number at all stays here (field-errors.ts
// says so in the same words), since it cannot be sent as one. A file chosen for an asset is sent instead of
// its URL (@actkit/react checks and encodes it).
import type { CharacterPerformanceStartInput } from '@actkit/react';
import type { SampleAssets } from '../../shared/demo-api.js';
import type { FieldId } from './field-errors.js';
import { type CharacterType, type PublicFigureThreshold, type Ratio, specDefaults } from './spec-options.js';

export interface FormValues {
  characterType: CharacterType;
  characterUri: string;
  /** A file from disk for the character; sent instead of `characterUri` while chosen. */
  characterFile?: File;
  referenceUri: string;
  /** A file from disk for the reference clip; sent instead of `referenceUri` while chosen. */
  referenceFile?: File;
  bodyControl: boolean;
  expressionIntensity: string;
  ratio: Ratio;
  seed: string;
  publicFigureThreshold: PublicFigureThreshold;
}

export function initialFormValues(samples: SampleAssets | undefined): FormValues {
  return {
    characterType: 'image',
    characterUri: samples?.characterImage ?? '',
    referenceUri: samples?.referenceVideo ?? '',
    bodyControl: specDefaults.bodyControl,
    expressionIntensity: String(specDefaults.expressionIntensity),
    ratio: specDefaults.ratio,
    seed: '', // empty: the server picks a random seed and reports it
    publicFigureThreshold: specDefaults.contentModeration.publicFigureThreshold,
  };
}

/** When the character type changes and the URI is still a sample, switch to the sample of the new type. */
export function withCharacterType(
  values: FormValues,
  type: CharacterType,
  samples: SampleAssets | undefined,
): FormValues {
  const sampleFor = { image: samples?.characterImage, video: samples?.characterVideo };
  const isSample = values.characterUri === sampleFor.image || values.characterUri === sampleFor.video;
  return {
    ...values,
    characterType: type,
    characterUri: isSample ? (sampleFor[type] ?? '') : values.characterUri,
  };
}

/** An empty number field means "the default" (a random seed); anything else is sent as the number typed. */
const numberOrDefault = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));

/** The form's number fields whose text is no number at all (it cannot be sent as one). */
export function unreadableNumbers(values: FormValues): ('seed' | 'expressionIntensity')[] {
  const fields = ['seed', 'expressionIntensity'] as const;
  return fields.filter((field) => !Number.isFinite(numberOrDefault(values[field]) ?? 0));
}

export function toInput(values: FormValues): CharacterPerformanceStartInput {
  return {
    character: { type: values.characterType, uri: values.characterFile ?? values.characterUri.trim() },
    reference: { type: 'video', uri: values.referenceFile ?? values.referenceUri.trim() },
    bodyControl: values.bodyControl,
    expressionIntensity: numberOrDefault(values.expressionIntensity),
    ratio: values.ratio,
    seed: numberOrDefault(values.seed),
    contentModeration: { publicFigureThreshold: values.publicFigureThreshold },
  };
}

/**
 * The form fields each value belongs to: a chosen file is its asset field's value as much as the URL is,
 * and the character's URI was judged as the type said (an image's error is no video's).
 */
const fieldsOfValue: Record<keyof FormValues, readonly FieldId[]> = {
  characterType: ['characterType', 'characterUri'],
  characterUri: ['characterUri'],
  characterFile: ['characterUri'],
  referenceUri: ['referenceUri'],
  referenceFile: ['referenceUri'],
  bodyControl: ['bodyControl'],
  expressionIntensity: ['expressionIntensity'],
  ratio: ['ratio'],
  seed: ['seed'],
  publicFigureThreshold: ['publicFigureThreshold'],
};

/**
 * The fields whose value differs between `before` (the values some errors were found in) and `after`; none
 * when there is no `before`. Files compare by identity: choosing a file again is a new value.
 */
export function changedFields(before: FormValues | undefined, after: FormValues): Set<FieldId> {
  const changed = new Set<FieldId>();
  if (!before) return changed;
  for (const key of Object.keys(fieldsOfValue) as (keyof FormValues)[]) {
    if (before[key] !== after[key]) for (const field of fieldsOfValue[key]) changed.add(field);
  }
  return changed;
}
