// Every parameter of a character performance, labelled, with the spec's defaults and each field's error
// from the 400 problem next to it (the server's, or @actkit/react's for a chosen file that breaks the limits;
// or the form's own, for a number field holding no number, or a file of the wrong kind the moment it is
// chosen). Assets come from a URL or a file from disk. An error shows only while its field still holds the
// value it was found in: choosing another file, removing one or editing the URL clears it.
import type { ActkitProblemError, CharacterPerformanceStartInput } from '@actkit/react';
import { type FormEvent, useState } from 'react';
import type { DemoInfo, SampleAssets } from '../../shared/demo-api.js';
import { characterTypeOf, chosenFileErrors, fileLimitsInWords } from '../lib/asset-accept.js';
import { sortFieldErrors, unreadableFieldErrors, withoutFields } from '../lib/field-errors.js';
import {
  changedFields,
  type FormValues,
  initialFormValues,
  toInput,
  unreadableNumbers,
  withCharacterType,
} from '../lib/form-values.js';
import {
  type CharacterType,
  characterTypes,
  expressionIntensityRange,
  type PublicFigureThreshold,
  publicFigureThresholdOptions,
  type Ratio,
  ratioOptions,
  seedRange,
} from '../lib/spec-options.js';
import { AssetSource } from './AssetSource.js';
import { FailureTriggers } from './FailureTriggers.js';
import { describedBy, Field } from './Field.js';

export interface PerformanceFormProps {
  samples: SampleAssets | undefined;
  mode: DemoInfo['mode'] | undefined;
  busy: boolean;
  /** The last create's problem (400 validation, 429 limits, …). */
  problem: ActkitProblemError | undefined;
  onSubmit: (input: CharacterPerformanceStartInput) => void;
}

export function PerformanceForm({ samples, mode, busy, problem, onSubmit }: PerformanceFormProps) {
  const [values, setValues] = useState<FormValues>(() => initialFormValues(samples));
  // The values the last create was sent with: `problem` is about them.
  const [sent, setSent] = useState<FormValues>();
  // The last Generate that the form stopped itself (text that is no number cannot be sent; a file of the
  // wrong kind), with the values it looked at.
  const [stopped, setStopped] = useState<{ values: FormValues; errors: Record<string, string> }>();
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  // The last Generate's errors, each only while its field holds the value it was found in; and the chosen
  // files' own errors, found as they are chosen.
  const fromGenerate = {
    ...withoutFields(problem?.fieldErrors ?? {}, changedFields(sent, values)),
    ...withoutFields(stopped?.errors ?? {}, changedFields(stopped?.values, values)),
  };
  const { byField, unplaced } = sortFieldErrors({ ...fromGenerate, ...chosenFileErrors(values) });
  const marked = Object.keys(fromGenerate).length > 0;
  // A problem that is no field's (429 too many tasks, 503, a file the browser could not read).
  const other = problem && Object.keys(problem.fieldErrors).length === 0 ? problem : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = { ...unreadableFieldErrors(unreadableNumbers(values)), ...chosenFileErrors(values) };
    if (Object.keys(found).length > 0) return setStopped({ values, errors: found });
    setStopped(undefined);
    setSent(values);
    onSubmit(toInput(values));
  }

  return (
    // noValidate: the browser's own min/max checks would stop a bad value before the server sees it; this
    // demo shows the server's validation (the authority) and its per-field messages instead.
    <form className="card form" onSubmit={submit} noValidate aria-label="Character performance">
      <fieldset>
        <legend>Character</legend>
        <Field id="characterType" label="Character type" error={byField.characterType}>
          <select
            id="characterType"
            value={values.characterType}
            onChange={(e) => setValues(withCharacterType(values, e.target.value as CharacterType, samples))}
            {...describedBy('characterType', byField.characterType)}
          >
            {characterTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </Field>
        <AssetSource
          id="characterUri"
          label={`Character ${values.characterType}`}
          kind={values.characterType}
          url={values.characterUri}
          file={values.characterFile}
          error={byField.characterUri}
          previewLabel="Character preview"
          onUrl={(url) => set('characterUri', url)}
          onFile={(file) =>
            setValues((current) => ({
              // A chosen video makes the character a video (and an image an image; the sample URL follows).
              ...withCharacterType(
                current,
                (file && characterTypeOf(file)) ?? current.characterType,
                samples,
              ),
              characterFile: file,
            }))
          }
        />
      </fieldset>

      <fieldset>
        <legend>Performance</legend>
        <AssetSource
          id="referenceUri"
          label="Reference video"
          kind="video"
          url={values.referenceUri}
          file={values.referenceFile}
          error={byField.referenceUri}
          previewLabel="Reference preview"
          onUrl={(url) => set('referenceUri', url)}
          onFile={(file) => set('referenceFile', file)}
        />
        <p className="hint">
          The sample assets are base64 <code>data:</code> URIs served by this demo (
          <code>/api/demo/samples</code>): the provider only accepts https URLs with a public host name, or
          data: URIs, so a link to this local server would be rejected. Use your own: paste https URLs, or
          choose (or drop) files, which are checked here first ({fileLimitsInWords}) and sent inline as data:
          URIs
          {mode === 'CometAPI' ? ' (CometAPI needs a visible face).' : '.'}
        </p>
        {mode === 'emulator' && (
          <FailureTriggers
            onPick={(uri) =>
              setValues((current) => ({ ...current, characterUri: uri, characterFile: undefined }))
            }
          />
        )}
      </fieldset>

      <fieldset>
        <legend>Options</legend>
        <div className="field field-checkbox" data-field="bodyControl">
          <input
            id="bodyControl"
            type="checkbox"
            checked={values.bodyControl}
            onChange={(e) => set('bodyControl', e.target.checked)}
            {...describedBy('bodyControl', byField.bodyControl)}
          />
          <label htmlFor="bodyControl">Body control (move the body, not just the face)</label>
          {byField.bodyControl && (
            <p className="field-error" id="bodyControl-error" role="alert">
              {byField.bodyControl}
            </p>
          )}
        </div>
        <Field
          id="expressionIntensity"
          label={`Expression intensity (${expressionIntensityRange.min}–${expressionIntensityRange.max})`}
          error={byField.expressionIntensity}
        >
          <div className="range">
            <input
              id="expressionIntensity"
              type="range"
              min={expressionIntensityRange.min}
              max={expressionIntensityRange.max}
              step={1}
              value={values.expressionIntensity}
              onChange={(e) => set('expressionIntensity', e.target.value)}
              {...describedBy('expressionIntensity', byField.expressionIntensity)}
            />
            <output htmlFor="expressionIntensity">{values.expressionIntensity}</output>
          </div>
        </Field>
        <Field id="ratio" label="Aspect ratio" error={byField.ratio}>
          <select
            id="ratio"
            value={values.ratio}
            onChange={(e) => set('ratio', e.target.value as Ratio)}
            {...describedBy('ratio', byField.ratio)}
          >
            {ratioOptions.map((ratio) => (
              <option key={ratio} value={ratio}>
                {ratio}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="seed"
          label={`Seed (${seedRange.min}–${seedRange.max})`}
          error={byField.seed}
          hint="Empty: a random seed, shown with the task. The same seed and inputs give the same video."
        >
          <input
            id="seed"
            type="text"
            inputMode="numeric"
            placeholder="random"
            spellCheck={false}
            value={values.seed}
            onChange={(e) => set('seed', e.target.value)}
            {...describedBy('seed', byField.seed)}
          />
        </Field>
        <Field
          id="publicFigureThreshold"
          label="Public-figure moderation"
          error={byField.publicFigureThreshold}
        >
          <select
            id="publicFigureThreshold"
            value={values.publicFigureThreshold}
            onChange={(e) => set('publicFigureThreshold', e.target.value as PublicFigureThreshold)}
            {...describedBy('publicFigureThreshold', byField.publicFigureThreshold)}
          >
            {publicFigureThresholdOptions.map((threshold) => (
              <option key={threshold} value={threshold}>
                {threshold}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      {(marked || other) && (
        <div className="problem" role="alert">
          <p>
            <strong>{marked ? 'Please fix the fields marked above.' : other?.title}</strong>
            {!marked && other?.detail ? ` ${other.detail}` : ''}
          </p>
          {unplaced.length > 0 && (
            <ul>
              {unplaced.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Starting…' : 'Generate'}
      </button>
    </form>
  );
}
