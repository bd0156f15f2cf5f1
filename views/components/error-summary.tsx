export type FieldError = { field: string; message: string };

/** The list of a form's errors, first on the page, each linking to its field (RGAA 11.10, WCAG 3.3.1). */
export function ErrorSummary({ errors, title = 'Le formulaire contient des erreurs' }: { errors: FieldError[]; title?: string }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} id="erreurs">
      <h2 id="error-summary-title" class="error-summary__title">
        {title}
      </h2>
      <ul>
        {errors.map((error) => (
          <li>
            <a href={`#${error.field}`}>{error.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function errorFor(errors: FieldError[], field: string): string | undefined {
  return errors.find((error) => error.field === field)?.message;
}
