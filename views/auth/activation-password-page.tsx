import { ErrorSummary, type FieldError } from '../components/error-summary.js';
import { SubmitButton } from '../components/form-parts.js';
import { NewPasswordFields } from './new-password-fields.js';

export type ChoosePasswordPageProps = {
  heading: string;
  /** /activation/mot-de-passe or /recuperation/nouveau-mot-de-passe. */
  action: string;
  login: string;
  minLength: number;
  errors?: FieldError[];
  /** Other sessions of an existing account end: the person is told. */
  endsOtherSessions: boolean;
};

/** The identifier, shown to be kept, and the password chosen with its confirmation (activation and recovery alike). */
export function ChoosePasswordPage({ heading, action, login, minLength, errors = [], endsOtherSessions }: ChoosePasswordPageProps) {
  return (
    <div class="form">
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} />
      <div class="notice notice--info">
        <p>
          Votre identifiant : <strong class="password">{login}</strong>
        </p>
        <p>Il est à conserver puisqu’il sera demandé à chaque connexion.</p>
      </div>
      <form method="post" action={action} novalidate>
        <NewPasswordFields id="mot_de_passe" label="Mot de passe" confirmationLabel="Confirmation du mot de passe" minLength={minLength} errors={errors} />
        {endsOtherSessions ? <p>Après ce changement, vous serez déconnecté de tous vos autres appareils.</p> : null}
        <SubmitButton label="Enregistrer le mot de passe" />
      </form>
    </div>
  );
}

export function ActivationDonePage({ login, homeHref }: { login: string; homeHref: string }) {
  return (
    <div class="form">
      <h1>Votre compte est activé</h1>
      <div class="notice notice--success" role="status">
        <p>
          Votre identifiant : <strong class="password">{login}</strong>
        </p>
        <p>Il est à conserver puisqu’il sera demandé à chaque connexion, avec le mot de passe que vous venez de choisir.</p>
      </div>
      <p>Vous pouvez maintenant accéder au service en ligne Orientation.</p>
      <div class="button-group">
        <a class="button" href={homeHref}>
          Accéder au service Orientation
        </a>
      </div>
    </div>
  );
}
