import { ErrorSummary, errorFor, type FieldError } from '../components/error-summary.js';
import { TextField } from '../components/text-field.js';

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
        <TextField
          id="nouveau_mot_de_passe"
          label="Nouveau mot de passe"
          hint={`Au moins ${minLength} caractères. Une phrase facile à retenir convient très bien, par exemple plusieurs mots séparés par des espaces.`}
          type="password"
          autocomplete="new-password"
          maxlength={256}
          error={errorFor(errors, 'nouveau_mot_de_passe')}
        />
        <TextField
          id="confirmation"
          label="Confirmer le nouveau mot de passe"
          type="password"
          autocomplete="new-password"
          maxlength={256}
          error={errorFor(errors, 'confirmation')}
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
