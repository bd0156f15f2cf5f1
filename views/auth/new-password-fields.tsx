import { errorFor, type FieldError } from '../components/error-summary.js';
import { TextField } from '../components/text-field.js';

export type NewPasswordFieldsProps = {
  /** The new password's field: its id (also its name) and label. */
  id: string;
  label: string;
  /** The confirmation's label (its id is always « confirmation »). */
  confirmationLabel: string;
  minLength: number;
  errors: FieldError[];
};

/** A new password and its confirmation (password change, activation and recovery alike). */
export function NewPasswordFields({ id, label, confirmationLabel, minLength, errors }: NewPasswordFieldsProps) {
  return (
    <>
      <TextField
        id={id}
        label={label}
        hint={`Au moins ${minLength} caractères. Une phrase facile à retenir convient très bien, par exemple plusieurs mots séparés par des espaces.`}
        type="password"
        autocomplete="new-password"
        maxlength={256}
        error={errorFor(errors, id)}
      />
      <TextField
        id="confirmation"
        label={confirmationLabel}
        type="password"
        autocomplete="new-password"
        maxlength={256}
        error={errorFor(errors, 'confirmation')}
      />
    </>
  );
}
