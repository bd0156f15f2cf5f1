import { ErrorSummary, errorFor, type FieldError } from '../components/error-summary.js';
import { FieldErrorMessage, InfoNotice, SubmitButton } from '../components/form-parts.js';
import { TextField } from '../components/text-field.js';
import { BackToLoginLinks, NameFields } from './flow-parts.js';

export type ForgottenPasswordPageProps = {
  values?: { identifiant: string; canal: string };
  errors?: FieldError[];
  failure?: string;
  info?: string;
};

/** « Mot de passe oublié ? »: the identifier, and how to receive the code or the link. */
export function ForgottenPasswordPage({ values = { identifiant: '', canal: 'sms' }, errors = [], failure, info }: ForgottenPasswordPageProps) {
  const summary = failure ? [{ field: 'identifiant', message: failure }] : errors;
  const channelError = errorFor(errors, 'canal');
  return (
    <div class="form">
      <h1>Mot de passe oublié</h1>
      <InfoNotice info={info} />
      <ErrorSummary errors={summary} title={failure ? 'La demande a été refusée' : 'Le formulaire contient des erreurs'} />
      <p>
        Indiquez votre identifiant. Si un compte correspond, vous recevrez un code par SMS ou un lien par courriel pour choisir un nouveau mot de
        passe.
      </p>
      <form method="post" action="/mot-de-passe-oublie" novalidate>
        <TextField
          id="identifiant"
          label="Identifiant"
          value={values.identifiant}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          maxlength={200}
          error={errorFor(errors, 'identifiant') ?? failure}
        />
        <fieldset class="fieldset" aria-describedby={channelError ? 'canal-erreur' : undefined}>
          <legend class="fieldset__legend">Comment souhaitez-vous recevoir votre code ou votre lien ?</legend>
          {channelError ? <FieldErrorMessage id="canal-erreur" message={channelError} /> : null}
          <div class="choice">
            <input type="radio" id="canal" name="canal" value="sms" checked={values.canal !== 'courriel'} />
            <label for="canal">Recevoir un code par SMS (au numéro de portable connu de l’établissement)</label>
          </div>
          <div class="choice">
            <input type="radio" id="canal-courriel" name="canal" value="courriel" checked={values.canal === 'courriel'} />
            <label for="canal-courriel">Recevoir un lien par courriel (à l’adresse connue)</label>
          </div>
        </fieldset>
        <SubmitButton label="Recevoir mon code ou mon lien" />
      </form>
      <BackToLoginLinks links={[{ href: '/identifiant-oublie', label: 'Identifiant oublié ?' }]} />
    </div>
  );
}

export type ForgottenIdentifierPageProps = {
  values?: { nom: string; prenom: string; contact: string };
  errors?: FieldError[];
  failure?: string;
};

/** « Identifiant oublié ? »: the representative's name and the number or address the school knows. */
export function ForgottenIdentifierPage({ values = { nom: '', prenom: '', contact: '' }, errors = [], failure }: ForgottenIdentifierPageProps) {
  const summary = failure ? [{ field: 'contact', message: failure }] : errors;
  return (
    <div class="form">
      <h1>Identifiant oublié</h1>
      <ErrorSummary errors={summary} title={failure ? 'La demande a été refusée' : 'Le formulaire contient des erreurs'} />
      <p>
        Indiquez vos nom et prénom, et le numéro de téléphone portable ou l’adresse électronique connus de l’établissement de votre enfant. Si un
        compte correspond, vous recevrez un code par SMS ou un lien par courriel pour retrouver votre identifiant.
      </p>
      <form method="post" action="/identifiant-oublie" novalidate>
        <NameFields values={values} errors={errors} />
        <TextField
          id="contact"
          label="N° de téléphone portable ou adresse électronique"
          hint="Pour les numéros hors France métropolitaine, merci d’indiquer l’indicatif régional."
          value={values.contact}
          autocomplete="off"
          maxlength={254}
          error={errorFor(errors, 'contact') ?? failure}
        />
        <SubmitButton label="Retrouver mon identifiant" />
      </form>
      <BackToLoginLinks links={[{ href: '/mot-de-passe-oublie', label: 'Mot de passe oublié ?' }]} />
    </div>
  );
}

/** After a request by e-mail: the same words whether an account matched or not. */
export function LinkSentPage() {
  return (
    <div class="form">
      <h1>Consultez votre messagerie</h1>
      <div class="notice notice--info" role="status">
        <p>
          Si un compte correspond aux informations saisies et qu’une adresse électronique est connue de l’établissement, un courriel vient d’y être
          envoyé. Il contient un lien valable 30 minutes, qui ne sert qu’une fois.
        </p>
      </div>
      <p>Si vous ne recevez rien, vérifiez vos courriels indésirables, ou contactez l’établissement de votre enfant.</p>
      <BackToLoginLinks links={[]} />
    </div>
  );
}

/** The identifier found again (after the code or the link), or the news that there is no account yet. */
export function IdentifierFoundPage({ login }: { login: string | null }) {
  return (
    <div class="form">
      <h1>Votre identifiant</h1>
      {login ? (
        <>
          <div class="notice notice--success" role="status">
            <p>
              Votre identifiant : <strong class="password">{login}</strong>
            </p>
            <p>Il est à conserver puisqu’il sera demandé à chaque connexion.</p>
          </div>
          <ul class="link-list">
            <li>
              <a href="/connexion">Se connecter</a>
            </li>
            <li>
              <a href="/recuperation/nouveau-mot-de-passe">Choisir un nouveau mot de passe</a>
            </li>
          </ul>
        </>
      ) : (
        <>
          <div class="notice notice--info" role="status">
            <p>Vous n’avez pas encore de compte. Vous pouvez l’activer vous-même par SMS, ou demander un identifiant à l’établissement de votre enfant.</p>
          </div>
          <BackToLoginLinks links={[{ href: '/activation', label: 'Je n’ai pas de compte' }]} />
        </>
      )}
    </div>
  );
}
