import { ErrorSummary, errorFor, type FieldError } from '../components/error-summary.js';
import { TextField } from '../components/text-field.js';

export type LoginPageProps = {
  login?: string;
  errors?: FieldError[];
  /** Shown instead of field errors when the credentials are wrong or logins are suspended. */
  failure?: string;
  info?: string;
};

export function LoginPage({ login = '', errors = [], failure, info }: LoginPageProps) {
  const summary = failure ? [{ field: 'identifiant', message: failure }] : errors;
  return (
    <div class="form">
      <h1>Connexion</h1>
      {info ? (
        <div class="notice notice--success" role="status">
          <p>{info}</p>
        </div>
      ) : null}
      <ErrorSummary errors={summary} title={failure ? 'La connexion a échoué' : 'Le formulaire contient des erreurs'} />
      <p>Connectez-vous avec l’identifiant et le mot de passe transmis par l’établissement.</p>
      <form method="post" action="/connexion" novalidate>
        <TextField
          id="identifiant"
          label="Identifiant"
          value={login}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          maxlength={200}
          error={errorFor(errors, 'identifiant')}
          describedBy={failure ? 'echec-connexion' : undefined}
        />
        <TextField
          id="mot_de_passe"
          label="Mot de passe"
          type="password"
          autocomplete="current-password"
          maxlength={256}
          error={errorFor(errors, 'mot_de_passe')}
          describedBy={failure ? 'echec-connexion' : undefined}
        />
        {failure ? (
          <p id="echec-connexion" class="field__error">
            {failure}
          </p>
        ) : null}
        <div class="button-group">
          <button type="submit" class="button">
            Se connecter
          </button>
        </div>
      </form>
    </div>
  );
}
