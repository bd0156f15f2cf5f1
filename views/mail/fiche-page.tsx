import { ErrorSummary, errorFor, type FieldError } from '../components/error-summary.js';
import { TextField } from '../components/text-field.js';

export type FichePageProps = {
  person: { firstName: string; lastName: string; email: string | null; phone: string | null };
  /** A new address waiting for confirmation. */
  pending: { email: string; expiresText: string } | null;
  /** The mail server refused the current address. */
  failing: boolean;
  notice?: string | undefined;
  errors?: FieldError[];
  value?: string;
};

/** « Fiche de renseignements »: who the representative is, and the address their e-mails go to. */
export function FichePage({ person, pending, failing, notice, errors = [], value = '' }: FichePageProps) {
  return (
    <div class="form">
      <h1>Fiche de renseignements</h1>
      <ErrorSummary errors={errors} />
      {notice ? (
        <div class="notice notice--success" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <h2>Représentant légal</h2>
      <dl>
        <dt>Nom</dt>
        <dd>{person.lastName}</dd>
        <dt>Prénom</dt>
        <dd>{person.firstName}</dd>
        <dt>Adresse électronique</dt>
        <dd>{person.email ?? 'Aucune adresse : vous ne recevez pas les courriels du service.'}</dd>
        {person.phone ? (
          <>
            <dt>Téléphone</dt>
            <dd>{person.phone}</dd>
          </>
        ) : null}
      </dl>
      {failing ? (
        <div class="notice">
          <p>Les derniers courriels envoyés à cette adresse ont été refusés par votre messagerie. Vérifiez-la ou indiquez-en une autre.</p>
        </div>
      ) : null}
      {pending ? (
        <div class="notice">
          <p>
            Un lien de confirmation a été envoyé à {pending.email}. L’adresse sera enregistrée quand vous l’aurez confirmée, avant le{' '}
            {pending.expiresText}.
          </p>
        </div>
      ) : null}
      <h2>{person.email ? 'Changer d’adresse électronique' : 'Indiquer une adresse électronique'}</h2>
      <p>
        Le service envoie à cette adresse le récapitulatif des demandes, les avis et propositions du conseil de classe, les réponses,
        la décision d’orientation et les rappels avant la fermeture du service.
      </p>
      <form method="post" action="/fiche-de-renseignements" novalidate>
        <TextField
          id="adresse"
          label="Nouvelle adresse électronique"
          hint="Format attendu : nom@exemple.fr. Un lien de confirmation sera envoyé à cette adresse : elle ne sera enregistrée qu’après confirmation."
          type="email"
          autocomplete="email"
          spellcheck={false}
          autocapitalize="off"
          maxlength={254}
          value={value}
          error={errorFor(errors, 'adresse')}
        />
        <div class="button-group">
          <button type="submit" class="button">
            Envoyer le lien de confirmation
          </button>
        </div>
      </form>
    </div>
  );
}

export function ConfirmAddressPage({ email, token }: { email: string; token: string }) {
  return (
    <div class="form">
      <h1>Confirmer votre adresse électronique</h1>
      <p>
        Vous avez demandé à recevoir les courriels du service Orientation à l’adresse <strong>{email}</strong>.
      </p>
      <form method="post" action="/fiche-de-renseignements/confirmer">
        <input type="hidden" name="jeton" value={token} />
        <div class="button-group">
          <button type="submit" class="button">
            Confirmer cette adresse
          </button>
          <a class="button button--secondary" href="/fiche-de-renseignements">
            Annuler
          </a>
        </div>
      </form>
    </div>
  );
}

export function AddressLinkRefusedPage({ reason }: { reason: string }) {
  return (
    <div>
      <h1>Lien de confirmation refusé</h1>
      <div class="notice">
        <p>{reason}</p>
      </div>
      <p>Votre fiche de renseignements n’a pas été modifiée.</p>
      <p>
        <a href="/fiche-de-renseignements">Revenir à la fiche de renseignements</a>
      </p>
    </div>
  );
}
