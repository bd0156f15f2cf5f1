// Small pieces of the forms of the account pages (activation, recovery, federation link).

/** A field's error message, announced as such to screen readers; its id is referenced by aria-describedby. */
export function FieldErrorMessage({ id, message }: { id: string; message: string }) {
  return (
    <p class="field__error" id={id}>
      <span class="visually-hidden">Erreur : </span>
      {message}
    </p>
  );
}

/** The form's only button. */
export function SubmitButton({ label }: { label: string }) {
  return (
    <div class="button-group">
      <button type="submit" class="button">
        {label}
      </button>
    </div>
  );
}

/** Information above a form (e.g. « the request has expired, start again »), when there is some. */
export function InfoNotice({ info }: { info: string | undefined }) {
  return info ? (
    <div class="notice notice--info" role="status">
      <p>{info}</p>
    </div>
  ) : null;
}
