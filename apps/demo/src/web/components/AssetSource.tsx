// Where one input asset comes from: a URL (the sample data: URI, or your own https URL) or a file from your
// disk, chosen with the picker or dropped on the field. A chosen file replaces the URL until removed, and is
// previewed from an object URL. Its type and size are checked as soon as it is chosen (the form, with
// @actkit/react's checkAssetFile); the clip's length when Generate is pressed; it is sent inline.
import { type DragEvent, useState } from 'react';
import { acceptFor, fileSizeInWords } from '../lib/asset-accept.js';
import type { CharacterType } from '../lib/spec-options.js';
import { useObjectUrl } from '../lib/use-object-url.js';
import { AssetPreview } from './AssetPreview.js';
import { describedBy, Field } from './Field.js';

export interface AssetSourceProps {
  /** The URL input's id (`characterUri`, `referenceUri`); the file picker's is `…File`. */
  id: 'characterUri' | 'referenceUri';
  label: string;
  kind: CharacterType;
  url: string;
  file: File | undefined;
  error: string | undefined;
  previewLabel: string;
  onUrl: (url: string) => void;
  onFile: (file: File | undefined) => void;
}

export function AssetSource(props: AssetSourceProps) {
  const { id, kind, url, file, error, onFile } = props;
  const fileId = id.replace('Uri', 'File');
  const [dragging, setDragging] = useState(false);
  const fileUrl = useObjectUrl(file);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };
  return (
    <Field id={id} label={file ? `${props.label}: your file` : `${props.label} URL`} error={error}>
      {file ? (
        <p className="chosen-file">
          <output id={id} {...describedBy(id, error)}>
            {file.name} · {fileSizeInWords(file.size)}
          </output>{' '}
          <button type="button" className="link-button" onClick={() => onFile(undefined)}>
            Remove (use the URL)
          </button>
        </p>
      ) : (
        <input
          id={id}
          type="text"
          inputMode="url"
          spellCheck={false}
          value={url}
          onChange={(e) => props.onUrl(e.target.value)}
          {...describedBy(id, error)}
        />
      )}
      <fieldset
        aria-label={`${props.label}: choose or drop a file`}
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        data-drop={fileId}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <label className="file-button" htmlFor={fileId}>
          Choose a file
        </label>{' '}
        or drop one here
        <input
          id={fileId}
          className="visually-hidden"
          type="file"
          accept={acceptFor(kind)}
          onChange={(e) => {
            const chosen = e.target.files?.[0];
            if (chosen) onFile(chosen);
            e.target.value = ''; // choosing the same file again still counts
          }}
        />
      </fieldset>
      <AssetPreview type={kind} uri={fileUrl ?? (file ? '' : url)} label={props.previewLabel} />
    </Field>
  );
}
