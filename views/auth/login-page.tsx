import { ErrorSummary, errorFor, type FieldError } from '../components/error-summary.js';
import { TextField } from '../components/text-field.js';

export type LoginPageProps = {
  login?: string;
  errors?: FieldError[];
  /** Shown instead of field errors when the credentials are wrong or logins are suspended. */
  failure?: string;
  info?: string;
  /** OpenID Connect providers configured (none: no « OU » section). */
  federation?: Array<{ id: string; label: string }>;
};

export function LoginPage({ login = '', errors = [], failure, info, federation = [] }: LoginPageProps) {
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
        <p class="field-link">
          <a href="/identifiant-oublie">Identifiant oublié ?</a>
        </p>
        <TextField
          id="mot_de_passe"
          label="Mot de passe"
          type="password"
          autocomplete="current-password"
          maxlength={256}
          error={errorFor(errors, 'mot_de_passe')}
          describedBy={failure ? 'echec-connexion' : undefined}
        />
        <p class="field-link">
          <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
        </p>
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
      <p>
        <a href="/activation">Je n’ai pas de compte</a>
      </p>
      {federation.length > 0 ? (
        <section class="federation" aria-labelledby="federation-titre">
          <p class="federation__separator">OU</p>
          <h2 id="federation-titre" class="federation__title">
            Je me connecte avec un autre compte
          </h2>
          <ul class="federation__list">
            {federation.map((provider) => (
              <li>
                <a class="button button--secondary" href={`/connexion/federation/${provider.id}`}>
                  {provider.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
