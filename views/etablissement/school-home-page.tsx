export type SchoolHomeProps = {
  school: { name: string; uai: string };
  staffRole: 'head' | 'secretary';
  divisions: Array<{ id: number; name: string; level: '3e' | '2de'; pupilCount: number }>;
};

export function SchoolHomePage({ school, staffRole, divisions }: SchoolHomeProps) {
  return (
    <>
      <h1>{school.name}</h1>
      <p>
        UAI {school.uai} — {staffRole === 'head' ? 'Chef d’établissement' : 'Secrétariat'}
      </p>
      <div class="table-wrapper">
        <table>
          <caption>Divisions de l’établissement</caption>
          <thead>
            <tr>
              <th scope="col">Division</th>
              <th scope="col">Palier</th>
              <th scope="col">Élèves</th>
            </tr>
          </thead>
          <tbody>
            {divisions.map((division) => (
              <tr>
                <th scope="row">{division.name}</th>
                <td>{division.level}</td>
                <td>{division.pupilCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {divisions.length === 0 ? <p>Aucune division n’est encore enregistrée.</p> : null}
    </>
  );
}
