import { ErrorSummary, errorFor, type FieldError } from '../components/error-summary.js';
import { TextField } from '../components/text-field.js';
import { NewPasswordFields } from './new-password-fields.js';

export type PasswordPageProps = {
  /** A provisional password: the current one is not asked again, the user just typed it. */
  forced: boolean;
  minLength: number;
  errors?: FieldError[];
};

export function PasswordPage({ forced, minLength, errors = [] }: PasswordPageProps) {
  return (
    <div class="form">
      <h1>Choisir un nouveau mot de passe</h1>
      <ErrorSummary errors={errors} />
      {forced ? (
        <p>
          Le mot de passe transmis par l’établissement est provisoire. Choisissez votre propre mot de passe pour
          continuer.
        </p>
      ) : null}
      <form method="post" action="/mot-de-passe" novalidate>
        {forced ? null : (
          <TextField
            id="mot_de_passe_actuel"
            label="Mot de passe actuel"
            type="password"
            autocomplete="current-password"
            maxlength={256}
            error={errorFor(errors, 'mot_de_passe_actuel')}
          />
        )}
        <NewPasswordFields
          id="nouveau_mot_de_passe"
          label="Nouveau mot de passe"
          confirmationLabel="Confirmer le nouveau mot de passe"
          minLength={minLength}
          errors={errors}
        />
        <p>Après ce changement, vous serez déconnecté de tous vos autres appareils.</p>
        <div class="button-group">
          <button type="submit" class="button">
            Enregistrer le mot de passe
          </button>
        </div>
      </form>
    </div>
  );
}
