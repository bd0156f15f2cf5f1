export type DivisionCounts = {
  divisionId: number;
  pupils: number;
  intentionsValidated: number;
  acknowledged: number;
  choicesValidated: number;
  answered: number;
  accordsPending: number;
  decided: number;
  inDialogue: number;
  representativesWithoutAccount: number;
  representativesWithoutEmail: number;
};

export type SchoolHomeProps = {
  school: { name: string; uai: string };
  staffRole: 'head' | 'secretary';
  divisions: Array<{ id: number; name: string; level: '3e' | '2de'; pupilCount: number }>;
  counts: DivisionCounts[];
};

export function SchoolHomePage({ school, staffRole, divisions, counts }: SchoolHomeProps) {
  const countsOf = (divisionId: number) => counts.find((count) => count.divisionId === divisionId);
  return (
    <>
      <h1>{school.name}</h1>
      <p>
        UAI {school.uai} — {staffRole === 'head' ? 'Chef d’établissement' : 'Secrétariat'}
      </p>
      <ul class="plain-list">
        <li>
          <a href="/etablissement/campagne">Campagne d’orientation : calendrier, réglages, ouverture et fermeture des saisies</a>
        </li>
        <li>
          <a href="/etablissement/import">Importer les élèves et leurs représentants légaux (fichier CSV)</a>
        </li>
        <li>
          <a href="/etablissement/comptes">Comptes des familles : identifiants et lettres de connexion</a>
        </li>
        <li>
          <a href="/etablissement/personnels">Personnels de l’établissement</a>
        </li>
        <li>
          <a href="/etablissement/export.csv">Exporter les vœux, avis, propositions, réponses et décisions (CSV)</a>
        </li>
        <li>
          <a href="/etablissement/journal">Journal de l’établissement</a>
        </li>
      </ul>
      <div class="table-wrapper">
        <table>
          <caption>Suivi des familles par division</caption>
          <thead>
            <tr>
              <th scope="col">Division</th>
              <th scope="col">Élèves</th>
              <th scope="col">Intentions validées</th>
              <th scope="col">Accusés de réception</th>
              <th scope="col">Choix validés</th>
              <th scope="col">Réponses</th>
              <th scope="col">Décisions</th>
              <th scope="col">En dialogue</th>
              <th scope="col">Conseil de classe</th>
            </tr>
          </thead>
          <tbody>
            {divisions.map((division) => {
              const count = countsOf(division.id);
              return (
                <tr>
                  <th scope="row">
                    {count ? <a href={`/etablissement/divisions/${division.id}/suivi`}>{division.name}</a> : division.name}
                  </th>
                  <td>{division.pupilCount}</td>
                  <td>{count?.intentionsValidated ?? '—'}</td>
                  <td>{count?.acknowledged ?? '—'}</td>
                  <td>{count?.choicesValidated ?? '—'}</td>
                  <td>{count?.answered ?? '—'}</td>
                  <td>{count?.decided ?? '—'}</td>
                  <td>{count?.inDialogue ?? '—'}</td>
                  <td>
                    {count ? (
                      <ul class="plain-list">
                        <li>
                          <a href={`/etablissement/divisions/${division.id}/conseil/avis-provisoires`}>
                            Avis provisoires<span class="visually-hidden"> de la {division.name}</span>
                          </a>
                        </li>
                        <li>
                          <a href={`/etablissement/divisions/${division.id}/conseil/propositions`}>
                            Propositions<span class="visually-hidden"> de la {division.name}</span>
                          </a>
                        </li>
                      </ul>
                    ) : (
                      'Aucune campagne'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {divisions.length === 0 ? <p>Aucune division n’est encore enregistrée.</p> : null}
    </>
  );
}
