import { ErrorSummary, errorFor, type FieldError } from '../components/error-summary.js';
import { SubmitButton } from '../components/form-parts.js';
import { TextField } from '../components/text-field.js';

export type FederationLinkPageProps = {
  /** The provider's name (« ÉduConnect »). */
  name: string;
  /** The login page's button for this provider (« S’identifier avec ÉduConnect »). */
  label: string;
  login?: string;
  errors?: FieldError[];
  /** Shown instead of field errors when the credentials are wrong or logins are suspended. */
  failure?: string;
};

/** The provider's identity is not linked to an account of the service yet: the person proves which one is theirs. */
export function FederationLinkPage({ name, label, login = '', errors = [], failure }: FederationLinkPageProps) {
  const summary = failure ? [{ field: 'identifiant', message: failure }] : errors;
  return (
    <div class="form">
      <h1>Relier votre compte {name}</h1>
      <ErrorSummary errors={summary} title={failure ? 'La liaison a échoué' : 'Le formulaire contient des erreurs'} />
      <p>{`Votre compte ${name} n’est pas encore relié à un compte du service Orientation. Reliez-le une fois : ensuite, le bouton « ${label} » de la page de connexion vous connectera directement.`}</p>
      <h2>J’ai déjà un identifiant du service</h2>
      <p>Saisissez l’identifiant et le mot de passe du service Orientation (transmis par l’établissement, ou choisis lors de l’activation).</p>
      <form method="post" action="/connexion/federation/relier" novalidate>
        <TextField
          id="identifiant"
          label="Identifiant"
          value={login}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          maxlength={200}
          error={errorFor(errors, 'identifiant')}
          describedBy={failure ? 'echec-liaison' : undefined}
        />
        <TextField
          id="mot_de_passe"
          label="Mot de passe"
          type="password"
          autocomplete="current-password"
          maxlength={256}
          error={errorFor(errors, 'mot_de_passe')}
          describedBy={failure ? 'echec-liaison' : undefined}
        />
        {failure ? (
          <p id="echec-liaison" class="field__error">
            {failure}
          </p>
        ) : null}
        <SubmitButton label="Relier et me connecter" />
      </form>
      <h2>Je n’ai pas de compte</h2>
      <p>
        Le service peut vérifier votre identité avec le numéro de téléphone portable connu de l’établissement et la date de naissance de
        vos enfants.
      </p>
      <p>
        <a href="/activation">Je n’ai pas de compte : vérifier mon identité par SMS</a>
      </p>
      <p>
        <a href="/connexion">Annuler et revenir à la page de connexion</a>
      </p>
    </div>
  );
}
