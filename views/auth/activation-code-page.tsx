import { ErrorSummary, errorFor, type FieldError } from '../components/error-summary.js';
import { FieldErrorMessage, SubmitButton } from '../components/form-parts.js';
import { BackToLoginLinks } from './flow-parts.js';

export type CodePageProps = {
  /** The h1, e.g. « Saisie du code d’activation reçu par SMS ». */
  heading: string;
  /** Where the form posts: /activation/code or /recuperation/code. */
  action: string;
  /** « 06 •• •• •• 78 »: the number typed, masked. */
  maskedNumber: string;
  /** Where to ask for a new code. */
  restartHref: string;
  errors?: FieldError[];
  federationLabel?: string;
};

/** The code received by SMS, for activation and for recovery alike: the page never says whether a number was known. */
export function CodePage({ heading, action, maskedNumber, restartHref, errors = [], federationLabel }: CodePageProps) {
  const error = errorFor(errors, 'code');
  return (
    <div class="form">
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} />
      {federationLabel ? <p>Vous reliez votre compte {federationLabel} à votre compte du service Orientation.</p> : null}
      <p>
        Si ces informations correspondent à un représentant légal connu d’un établissement, un code à 6 chiffres vient d’être envoyé par SMS au{' '}
        <strong>{maskedNumber}</strong>. Il est valable 10 minutes.
      </p>
      <p>Si vous ne recevez rien, vérifiez le numéro saisi, ou contactez l’établissement de votre enfant.</p>
      <form method="post" action={action} novalidate>
        <div class={error ? 'field field--error' : 'field'}>
          <label class="field__label" for="code">
            Code reçu par SMS
          </label>
          <p class="field__hint" id="code-aide">
            6 chiffres, par exemple 123456.
          </p>
          {error ? <FieldErrorMessage id="code-erreur" message={error} /> : null}
          <input
            class="field__input field__input--code"
            id="code"
            name="code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            maxlength={12}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={['code-aide', error ? 'code-erreur' : undefined].filter(Boolean).join(' ')}
          />
        </div>
        <SubmitButton label="Valider le code" />
      </form>
      <p>
        <a href={restartHref}>Demander un nouveau code</a>
      </p>
    </div>
  );
}

export type FlowEndPageProps = {
  heading: string;
  message: string;
  restartHref: string;
  restartLabel: string;
  /** The message is a refusal (an error summary) rather than information. */
  isError?: boolean;
};

/** A flow that cannot go on (code no longer valid, birth date missing, nothing in progress): why, and where to start again. */
export function FlowEndPage({ heading, message, restartHref, restartLabel, isError = false }: FlowEndPageProps) {
  return (
    <div class="form">
      <h1>{heading}</h1>
      {isError ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} id="erreurs">
          <h2 id="error-summary-title" class="error-summary__title">
            La démarche ne peut pas continuer
          </h2>
          <p>{message}</p>
        </div>
      ) : (
        <div class="notice notice--warning">
          <p>{message}</p>
        </div>
      )}
      <BackToLoginLinks links={[{ href: restartHref, label: restartLabel }]} />
    </div>
  );
}
