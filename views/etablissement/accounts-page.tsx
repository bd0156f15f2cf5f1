import { ErrorSummary, type FieldError } from '../components/error-summary.js';

export type AccountsDivision = { id: number; name: string; pupils: number; pupilsWithoutAccount: number; representatives: number; representativesWithoutAccount: number };

export function AccountsPage({ divisions, errors }: { divisions: AccountsDivision[]; errors: FieldError[] }) {
  return (
    <>
      <h1>Comptes des familles</h1>
      <ErrorSummary errors={errors} />
      <p>
        Générez les identifiants et mots de passe provisoires des représentants légaux et des élèves qui n’ont pas encore de
        compte. Une lettre par compte est affichée, à imprimer et à distribuer : les mots de passe ne sont affichés qu’une
        seule fois. À la première connexion, chacun choisit son propre mot de passe.
      </p>
      <div class="table-wrapper">
        <table>
          <caption>Comptes par division</caption>
          <thead>
            <tr>
              <th scope="col">Division</th>
              <th scope="col">Représentants sans compte</th>
              <th scope="col">Élèves sans compte</th>
            </tr>
          </thead>
          <tbody>
            {divisions.map((division) => (
              <tr>
                <th scope="row">{division.name}</th>
                <td>
                  {division.representativesWithoutAccount} sur {division.representatives}
                </td>
                <td>
                  {division.pupilsWithoutAccount} sur {division.pupils}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action="/etablissement/comptes" class="form" novalidate>
        <div class="field">
          <label class="field__label" for="division">
            Division
          </label>
          <select class="field__input" id="division" name="division">
            <option value="">Tout l’établissement</option>
            {divisions.map((division) => (
              <option value={String(division.id)}>{division.name}</option>
            ))}
          </select>
        </div>
        <fieldset class="field">
          <legend class="field__label">Comptes à générer</legend>
          <div class="checkbox">
            <input type="checkbox" id="pour-representants" name="pour" value="representants" checked />
            <label for="pour-representants">Représentants légaux</label>
          </div>
          <div class="checkbox">
            <input type="checkbox" id="pour-eleves" name="pour" value="eleves" />
            <label for="pour-eleves">Élèves</label>
          </div>
        </fieldset>
        <div class="button-group">
          <button type="submit" class="button">
            Générer les comptes et afficher les lettres
          </button>
        </div>
      </form>
      <p>
        <a href="/etablissement">Retour à l’établissement</a>
      </p>
    </>
  );
}

export type Letter = { name: string; role: string; children: string; login: string; password: string };

/** One A4 letter per account (print stylesheet: a page each). */
export function LettersPage({ letters, schoolName, serviceUrl }: { letters: Letter[]; schoolName: string; serviceUrl: string }) {
  return (
    <>
      <h1>Lettres de connexion ({letters.length})</h1>
      <div class="notice no-print">
        <p>
          {letters.length === 0
            ? 'Tous les comptes demandés existent déjà : aucune lettre à imprimer.'
            : 'Imprimez ces lettres maintenant (Ctrl + P) : les mots de passe provisoires ne seront plus affichés.'}
        </p>
      </div>
      {letters.map((letter) => (
        <article class="letter">
          <h2>
            Service en ligne Orientation — {letter.name}
          </h2>
          <p>
            {schoolName} — {letter.role} {letter.children}
          </p>
          <dl class="summary-list">
            <dt>Adresse du service</dt>
            <dd>{serviceUrl}</dd>
            <dt>Identifiant</dt>
            <dd>
              <strong>{letter.login}</strong>
            </dd>
            <dt>Mot de passe provisoire</dt>
            <dd>
              <strong class="password">{letter.password}</strong>
            </dd>
          </dl>
          <p>
            Pour vous connecter : ouvrez l’adresse du service, saisissez l’identifiant et le mot de passe provisoire, puis
            choisissez votre propre mot de passe (12 caractères au moins). Ce mot de passe provisoire ne fonctionne plus
            ensuite.
          </p>
        </article>
      ))}
      <p class="no-print">
        <a href="/etablissement/comptes">Retour aux comptes</a>
      </p>
    </>
  );
}
