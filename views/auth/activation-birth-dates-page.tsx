import { ErrorSummary, type FieldError } from '../components/error-summary.js';
import { FieldErrorMessage, SubmitButton } from '../components/form-parts.js';

export type BirthDatesPageProps = {
  pupils: Array<{ pupilId: number; firstName: string; value: string }>;
  /** « Une date de naissance ne correspond pas… » or a field error, linked to the first date. */
  errors?: FieldError[];
  federationLabel?: string;
};

export const birthDateFieldId = (pupilId: number) => `naissance-${pupilId}`;

/** One date per child known to the schools; a wrong one is not pointed at (all must match). */
export function BirthDatesPage({ pupils, errors = [], federationLabel }: BirthDatesPageProps) {
  const fieldErrors = new Map(errors.map((error) => [error.field, error.message]));
  const shared = errors.find((error) => error.field === 'dates');
  const summary = errors.map((error) => (error.field === 'dates' ? { field: birthDateFieldId(pupils[0]!.pupilId), message: error.message } : error));
  return (
    <div class="form">
      <h1>Dates de naissance de vos enfants</h1>
      <ErrorSummary errors={summary} />
      <p>
        {federationLabel ? `Pour relier votre compte ${federationLabel}, indiquez` : 'Le code est correct. Pour terminer l’activation de votre compte, indiquez'}{' '}
        la date de naissance de chacun de vos enfants scolarisés, telle que l’établissement la connaît.
      </p>
      <form method="post" action="/activation/naissances" novalidate>
        <fieldset class="fieldset">
          <legend class="fieldset__legend">Dates de naissance de vos enfants</legend>
          {shared ? <FieldErrorMessage id="dates-erreur" message={shared.message} /> : null}
          {pupils.map((child) => {
            const id = birthDateFieldId(child.pupilId);
            const error = fieldErrors.get(id);
            const describedBy = [`${id}-aide`, error ? `${id}-erreur` : undefined, shared ? 'dates-erreur' : undefined].filter(Boolean).join(' ');
            return (
              <div class={error || shared ? 'field field--error' : 'field'}>
                <label class="field__label" for={id}>
                  Date de naissance de {child.firstName}
                </label>
                <p class="field__hint" id={`${id}-aide`}>
                  Format : jj/mm/aaaa, par exemple 14/05/2012.
                </p>
                {error ? <FieldErrorMessage id={`${id}-erreur`} message={error} /> : null}
                <input
                  class="field__input"
                  id={id}
                  name={id}
                  type="date"
                  value={child.value}
                  autocomplete="off"
                  aria-invalid={error || shared ? 'true' : undefined}
                  aria-describedby={describedBy}
                />
              </div>
            );
          })}
        </fieldset>
        <SubmitButton label="Valider les dates de naissance" />
      </form>
    </div>
  );
}
