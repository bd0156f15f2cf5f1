import { ErrorSummary, errorFor, type FieldError } from '../components/error-summary.js';
import { InfoNotice, SubmitButton } from '../components/form-parts.js';
import { TextField } from '../components/text-field.js';
import { BackToLoginLinks, NameFields } from './flow-parts.js';

export type ActivationStartPageProps = {
  values?: { nom: string; prenom: string; telephone: string };
  errors?: FieldError[];
  /** A refusal that is not about one field (too many requests): shown in the summary, linked to the number. */
  failure?: string;
  info?: string;
  /** Linking an identity of this provider (« ÉduConnect ») rather than activating an account. */
  federationLabel?: string;
};

export const MOBILE_HINT = 'Pour les numéros hors France métropolitaine, merci d’indiquer l’indicatif régional.';

export function ActivationStartPage({ values = { nom: '', prenom: '', telephone: '' }, errors = [], failure, info, federationLabel }: ActivationStartPageProps) {
  const summary = failure ? [{ field: 'telephone', message: failure }] : errors;
  return (
    <div class="form">
      <h1>{federationLabel ? `Relier votre compte ${federationLabel}` : 'J’active mon compte'}</h1>
      <InfoNotice info={info} />
      <ErrorSummary errors={summary} title={failure ? 'La demande a été refusée' : 'Le formulaire contient des erreurs'} />
      {federationLabel ? (
        <p>
          Votre compte {federationLabel} n’est pas encore relié à un compte du service Orientation. Pour le relier, indiquez vos nom, prénom et numéro de
          téléphone portable tels que l’établissement de votre enfant les connaît : un code vous sera envoyé par SMS, puis la date de naissance de
          chacun de vos enfants vous sera demandée.
        </p>
      ) : (
        <>
          <p>
            <strong>Je suis représentant légal d’élève(s) scolarisé(s)</strong> : je peux activer mon compte par SMS, avec le numéro de téléphone
            portable connu de l’établissement de mon enfant.
          </p>
          <p>
            <strong>Je suis un(e) élève</strong> : je contacte mon établissement, qui me fournira mon identifiant et un mot de passe provisoire pour
            activer mon compte.
          </p>
        </>
      )}
      <form method="post" action="/activation" novalidate>
        <NameFields values={values} errors={errors} />
        <TextField
          id="telephone"
          label="N° de téléphone portable"
          hint={MOBILE_HINT}
          type="tel"
          value={values.telephone}
          autocomplete="tel"
          maxlength={30}
          error={errorFor(errors, 'telephone') ?? failure}
        />
        <SubmitButton label="Recevoir mon code SMS" />
      </form>
      <p>
        <a href="/activation/sans-portable">Je ne souhaite pas utiliser de téléphone portable</a>
      </p>
      <p>
        <a href="/connexion">Retour à la connexion</a>
      </p>
    </div>
  );
}

export function ActivationWithoutMobilePage() {
  return (
    <div class="form">
      <h1>Activer mon compte sans téléphone portable</h1>
      <p>
        Si vous ne souhaitez pas utiliser de téléphone portable, ou si votre numéro n’est pas enregistré par l’établissement, contactez
        l’établissement d’un de vos enfants : il vous remettra votre identifiant et un mot de passe provisoire.
      </p>
      <p>
        À votre première connexion avec ce mot de passe provisoire, vous choisirez votre propre mot de passe. Conservez bien votre identifiant : il
        sera demandé à chaque connexion.
      </p>
      <p>Un élève obtient lui aussi son identifiant et son mot de passe provisoire auprès de son établissement.</p>
      <BackToLoginLinks links={[{ href: '/activation', label: 'Activer mon compte par SMS' }]} />
    </div>
  );
}
