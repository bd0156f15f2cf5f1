/** The school's journal: what staff and the académie did that is not about one pupil (each pupil's history is on their file). */
export function SchoolJournalPage({ schoolName, entries }: { schoolName: string; entries: Array<{ dateText: string; sentence: string }> }) {
  return (
    <>
      <h1>Journal de l’établissement</h1>
      <p>
        {schoolName} : campagne, ouvertures et fermetures, imports, comptes et personnels, du plus récent au plus ancien. Ce que
        chacun a fait dans le dossier d’un élève figure dans l’historique de ce dossier.
      </p>
      {entries.length === 0 ? (
        <p>Aucune action enregistrée pour l’instant.</p>
      ) : (
        <ol class="timeline">
          {entries.map((item) => (
            <li>
              <strong>{item.dateText}</strong> — {item.sentence}
            </li>
          ))}
        </ol>
      )}
      <p>
        <a href="/etablissement">Retour à l’établissement</a>
      </p>
    </>
  );
}
