import { ErrorSummary } from '../components/error-summary.js';

export type FollowUpFilter = { value: string; label: string };

export type FollowUpPupil = {
  pupilId: number;
  name: string;
  intentions: string;
  acknowledgement: string;
  choices: string;
  response: string;
  stage: string;
  representatives: string;
};

export type FollowUpPageProps = {
  notice?: string | undefined;
  errors: Array<{ field: string; message: string }>;
  openWindow: string | null;
  mailProblems: Array<{ pupilName: string; representativeName: string; problem: 'noAddress' | 'failing'; error: string | null }>;
  divisionId: number;
  divisionName: string;
  filters: FollowUpFilter[];
  filter: string;
  pupils: FollowUpPupil[];
  total: number;
};

export function FollowUpPage(props: FollowUpPageProps) {
  const current = props.filters.find((filter) => filter.value === props.filter) ?? props.filters[0]!;
  return (
    <>
      <h1>Suivi des familles — {props.divisionName}</h1>
      <ErrorSummary errors={props.errors} />
      {props.notice ? (
        <div class="notice notice--success" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <form method="get" action={`/etablissement/divisions/${props.divisionId}/suivi`} class="filter-form">
        <div class="field">
          <label class="field__label" for="filtre">
            Afficher
          </label>
          <select class="field__input" id="filtre" name="filtre">
            {props.filters.map((filter) => (
              <option value={filter.value} selected={filter.value === props.filter}>
                {filter.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button button--secondary">
          Filtrer
        </button>
      </form>
      <form method="post" action={`/etablissement/divisions/${props.divisionId}/suivi/relancer`}>
      <div class="table-wrapper">
        <table>
          <caption>
            {current.label} : {props.pupils.length} élève(s) sur {props.total}
          </caption>
          <thead>
            <tr>
              <th scope="col">Relancer</th>
              <th scope="col">Élève</th>
              <th scope="col">Intentions</th>
              <th scope="col">Accusé de réception</th>
              <th scope="col">Choix définitifs</th>
              <th scope="col">Réponse</th>
              <th scope="col">Étape</th>
              <th scope="col">Représentants légaux</th>
            </tr>
          </thead>
          <tbody>
            {props.pupils.map((pupil) => (
              <tr>
                <td>
                  <input type="checkbox" id={`relancer-${pupil.pupilId}`} name="eleves" value={String(pupil.pupilId)} />
                  <label for={`relancer-${pupil.pupilId}`} class="visually-hidden">
                    Relancer la famille de {pupil.name}
                  </label>
                </td>
                <th scope="row">
                  <a href={`/etablissement/eleves/${pupil.pupilId}`}>{pupil.name}</a>
                </th>
                <td>{pupil.intentions}</td>
                <td>{pupil.acknowledgement}</td>
                <td>{pupil.choices}</td>
                <td>{pupil.response}</td>
                <td>{pupil.stage}</td>
                <td>{pupil.representatives}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        {props.openWindow
          ? `Une relance rappelle par courriel aux représentants légaux des élèves cochés que ${props.openWindow}. Une seule relance par famille et par jour.`
          : 'Aucune saisie des familles n’est ouverte : il n’y a rien à relancer.'}
      </p>
      {props.openWindow ? (
        <div class="button-group">
          <button type="submit" class="button button--secondary">
            Relancer les familles cochées
          </button>
        </div>
      ) : null}
      </form>
      <h2>Courriels</h2>
      {props.mailProblems.length === 0 ? (
        <p>Tous les représentants légaux de la division ont une adresse électronique qui fonctionne.</p>
      ) : (
        <ul>
          {props.mailProblems.map((problem) => (
            <li>
              {problem.representativeName} (pour {problem.pupilName}) :{' '}
              {problem.problem === 'noAddress' ? 'pas d’adresse électronique' : `courriels en échec${problem.error ? ` (${problem.error})` : ''}`}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/etablissement">Retour à l’établissement</a>
      </p>
    </>
  );
}
