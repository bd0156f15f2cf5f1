import { ErrorSummary, errorFor, type FieldError } from '../components/error-summary.js';
import { IssuedAccountNotice } from '../components/issued-account-notice.js';
import { TextField } from '../components/text-field.js';

export type SchoolFormValues = { uai: string; name: string; kind: 'college' | 'lycee' | '' };

export type SchoolFormPageProps = {
  mode: 'create' | 'edit';
  action: string;
  values: SchoolFormValues;
  errors: FieldError[];
  staff?: Array<{ name: string; role: 'head' | 'secretary'; login: string | null }>;
  staffAction?: string;
  staffErrors?: FieldError[];
  staffValues?: { prenom: string; nom: string; email: string; role: string };
  issued?: { name: string; login: string; password: string } | undefined;
  notice?: string | undefined;
};

export function SchoolFormPage(props: SchoolFormPageProps) {
  const title = props.mode === 'create' ? 'Ajouter un établissement' : props.values.name;
  const staffErrors = props.staffErrors ?? [];
  const staffValues = props.staffValues ?? { prenom: '', nom: '', email: '', role: 'head' };
  return (
    <>
      <h1>{title}</h1>
      <ErrorSummary errors={[...props.errors, ...staffErrors]} />
      {props.notice ? (
        <div class="notice notice--success" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <IssuedAccountNotice issued={props.issued} />
      <form method="post" action={props.action} class="form" novalidate>
        {props.mode === 'edit' ? <h2>Identité de l’établissement</h2> : null}
        <TextField id="uai" label="Numéro UAI" hint="7 chiffres et une lettre, par exemple 0751234A." value={props.values.uai} maxlength={12} autocapitalize="none" error={errorFor(props.errors, 'uai')} />
        <TextField id="nom" label="Nom de l’établissement" value={props.values.name} maxlength={200} error={errorFor(props.errors, 'nom')} />
        <fieldset class={errorFor(props.errors, 'type-college') ? 'field field--error' : 'field'} aria-describedby={errorFor(props.errors, 'type-college') ? 'type-erreur' : undefined}>
          <legend class="field__label">Type</legend>
          {errorFor(props.errors, 'type-college') ? (
            <p class="field__error" id="type-erreur">
              {errorFor(props.errors, 'type-college')}
            </p>
          ) : null}
          <div class="radio">
            <input type="radio" id="type-college" name="type" value="college" checked={props.values.kind === 'college'} />
            <label for="type-college">Collège (palier 3e)</label>
          </div>
          <div class="radio">
            <input type="radio" id="type-lycee" name="type" value="lycee" checked={props.values.kind === 'lycee'} />
            <label for="type-lycee">Lycée (palier 2de)</label>
          </div>
        </fieldset>
        <div class="button-group">
          <button type="submit" class="button">
            {props.mode === 'create' ? 'Ajouter l’établissement' : 'Enregistrer'}
          </button>
        </div>
      </form>

      {props.mode === 'edit' && props.staffAction ? (
        <>
          <h2>Personnels</h2>
          {props.staff && props.staff.length > 0 ? (
            <ul>
              {props.staff.map((member) => (
                <li>
                  {member.name} — {member.role === 'head' ? 'chef d’établissement' : 'secrétariat'}
                  {member.login ? ` (identifiant ${member.login})` : ' (sans compte)'}
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucun personnel n’a encore de compte.</p>
          )}
          <h3>Créer un compte de personnel</h3>
          <form method="post" action={props.staffAction} class="form" novalidate>
            <TextField id="prenom" label="Prénom" value={staffValues.prenom} maxlength={100} autocomplete="off" error={errorFor(staffErrors, 'prenom')} />
            <TextField id="nom-personnel" name="nom" label="Nom" value={staffValues.nom} maxlength={100} autocomplete="off" error={errorFor(staffErrors, 'nom-personnel')} />
            <TextField id="email" label="Adresse électronique (facultative)" type="email" value={staffValues.email} maxlength={200} autocomplete="off" error={errorFor(staffErrors, 'email')} />
            <fieldset class="field">
              <legend class="field__label">Fonction</legend>
              <div class="radio">
                <input type="radio" id="role-head" name="role" value="head" checked={staffValues.role !== 'secretary'} />
                <label for="role-head">Chef d’établissement</label>
              </div>
              <div class="radio">
                <input type="radio" id="role-secretary" name="role" value="secretary" checked={staffValues.role === 'secretary'} />
                <label for="role-secretary">Secrétariat</label>
              </div>
            </fieldset>
            <div class="button-group">
              <button type="submit" class="button">
                Créer le compte et afficher le mot de passe provisoire
              </button>
            </div>
          </form>
        </>
      ) : null}
      <p>
        <a href="/academie">Retour aux établissements</a>
      </p>
    </>
  );
}
