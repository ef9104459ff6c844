// One labelled form field with its error message right below it (from the 400 problem's errors[]).
import type { ReactNode } from 'react';

export interface FieldProps {
  /** The input's id; the error gets `${id}-error`. */
  id: string;
  label: string;
  /** The server's message for this field, if any. */
  error: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}

export function Field({ id, label, error, hint, children }: FieldProps) {
  return (
    <div className={error ? 'field field-invalid' : 'field'} data-field={id}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <p className="hint">{hint}</p>}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Props that tie an input to its Field's error for assistive technology. */
export const describedBy = (id: string, error: string | undefined) =>
  error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
