export type TextFieldProps = {
  id: string;
  name?: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  /** Ids of other elements describing this field, e.g. a message shared by several fields. */
  describedBy?: string;
  type?: 'text' | 'password' | 'email' | 'tel' | 'date';
  value?: string;
  autocomplete?: string;
  required?: boolean;
  maxlength?: number;
  spellcheck?: boolean;
  autocapitalize?: 'off' | 'none' | 'sentences' | 'words';
};

export function TextField(props: TextFieldProps) {
  const hintId = props.hint ? `${props.id}-aide` : undefined;
  const errorId = props.error ? `${props.id}-erreur` : undefined;
  const describedBy = [hintId, errorId, props.describedBy].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label class="field__label" for={props.id}>
        {props.label}
        {props.required ? <span class="field__required"> (obligatoire)</span> : null}
      </label>
      {props.hint ? (
        <p class="field__hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="field__error" id={errorId}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      ) : null}
      <input
        class="field__input"
        id={props.id}
        name={props.name ?? props.id}
        type={props.type ?? 'text'}
        value={props.value}
        autocomplete={props.autocomplete}
        required={props.required}
        maxlength={props.maxlength}
        spellcheck={props.spellcheck}
        autocapitalize={props.autocapitalize}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
