import { ErrorSummary, errorFor, type FieldError } from '../components/error-summary.js';
import { IssuedAccountNotice } from '../components/issued-account-notice.js';
import { TextField } from '../components/text-field.js';

export type StaffPageProps = {
  staff: Array<{ name: string; role: 'head' | 'secretary'; login: string | null }>;
  canAdd: boolean;
  errors: FieldError[];
  values: { prenom: string; nom: string; email: string };
  issued?: { name: string; login: string; password: string } | undefined;
};

export function StaffPage(props: StaffPageProps) {
  return (
    <>
      <h1>Personnels de l’établissement</h1>
      <ErrorSummary errors={props.errors} />
      <IssuedAccountNotice issued={props.issued} />
      <ul>
        {props.staff.map((member) => (
          <li>
            {member.name} — {member.role === 'head' ? 'chef d’établissement' : 'secrétariat'}
            {member.login ? ` (identifiant ${member.login})` : ' (sans compte)'}
          </li>
        ))}
      </ul>
      {props.canAdd ? (
        <>
          <h2>Ajouter un compte de secrétariat</h2>
          <form method="post" action="/etablissement/personnels" class="form" novalidate>
            <TextField id="prenom" label="Prénom" value={props.values.prenom} maxlength={100} autocomplete="off" error={errorFor(props.errors, 'prenom')} />
            <TextField id="nom" label="Nom" value={props.values.nom} maxlength={100} autocomplete="off" error={errorFor(props.errors, 'nom')} />
            <TextField id="email" label="Adresse électronique (facultative)" type="email" value={props.values.email} maxlength={200} autocomplete="off" error={errorFor(props.errors, 'email')} />
            <div class="button-group">
              <button type="submit" class="button">
                Créer le compte et afficher le mot de passe provisoire
              </button>
            </div>
          </form>
        </>
      ) : (
        <p>Seul le chef d’établissement peut ajouter des comptes de secrétariat.</p>
      )}
      <p>
        <a href="/etablissement">Retour à l’établissement</a>
      </p>
    </>
  );
}
