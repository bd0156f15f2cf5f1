export type SchoolsPageProps = {
  schools: Array<{ id: number; uai: string; name: string; kind: 'college' | 'lycee'; pupilCount: number | null }>;
};

const KIND_LABELS = { college: 'Collège', lycee: 'Lycée' } as const;

export function SchoolsPage({ schools }: SchoolsPageProps) {
  return (
    <>
      <h1>Établissements de l’académie</h1>
      <p>
        <a href="/academie/etablissements/nouveau" class="button">
          Ajouter un établissement
        </a>
      </p>
      <div class="table-wrapper">
        <table>
          <caption>{schools.length} établissement(s)</caption>
          <thead>
            <tr>
              <th scope="col">Établissement</th>
              <th scope="col">UAI</th>
              <th scope="col">Type</th>
              <th scope="col">Élèves</th>
            </tr>
          </thead>
          <tbody>
            {schools.map((school) => (
              <tr>
                <th scope="row">
                  <a href={`/academie/etablissements/${school.id}`}>{school.name}</a>
                </th>
                <td>{school.uai}</td>
                <td>{KIND_LABELS[school.kind]}</td>
                <td>{school.pupilCount ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
