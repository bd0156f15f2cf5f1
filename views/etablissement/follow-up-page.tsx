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
      <div class="table-wrapper">
        <table>
          <caption>
            {current.label} : {props.pupils.length} élève(s) sur {props.total}
          </caption>
          <thead>
            <tr>
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
        <a href="/etablissement">Retour à l’établissement</a>
      </p>
    </>
  );
}
