import { errorFor, type FieldError } from '../components/error-summary.js';
import { TextField } from '../components/text-field.js';

// Pieces shared by the pages of account activation, recovery and federation link.

/** The representative's name and first name, as the school knows them. */
export function NameFields({ values, errors }: { values: { nom: string; prenom: string }; errors: FieldError[] }) {
  return (
    <>
      <TextField id="nom" label="Nom" value={values.nom} autocomplete="family-name" maxlength={100} error={errorFor(errors, 'nom')} />
      <TextField id="prenom" label="Prénom" value={values.prenom} autocomplete="given-name" maxlength={100} error={errorFor(errors, 'prenom')} />
    </>
  );
}

/** Where to go from here (start again, another request…), then back to the login page. */
export function BackToLoginLinks({ links }: { links: Array<{ href: string; label: string }> }) {
  return (
    <ul class="link-list">
      {links.map((link) => (
        <li>
          <a href={link.href}>{link.label}</a>
        </li>
      ))}
      <li>
        <a href="/connexion">Retour à la connexion</a>
      </li>
    </ul>
  );
}
