import { ErrorSummary, type FieldError } from '../components/error-summary.js';

export type ImportPreview = {
  batchId: number | null;
  encoding: string;
  pupils: number;
  representatives: number;
  divisions: number;
  errorLines: string[];
  newPupils: number;
  updatedPupils: number;
  newDivisions: string[];
};

export type ImportPageProps = {
  columns: string[];
  errors: FieldError[];
  preview?: ImportPreview | undefined;
  report?: string | undefined;
};

const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

export function ImportPage({ columns, errors, preview, report }: ImportPageProps) {
  return (
    <>
      <h1>Importer les élèves et leurs représentants légaux</h1>
      <ErrorSummary errors={errors} />
      {report ? (
        <div class="notice notice--success" role="status">
          <p>{report}</p>
        </div>
      ) : null}
      {preview ? (
        <section aria-labelledby="apercu-titre" class="card">
          <h2 id="apercu-titre">Vérification du fichier</h2>
          <p>
            <strong>
              {plural(preview.pupils, 'élève', 'élèves')}, {plural(preview.representatives, 'représentant', 'représentants')},{' '}
              {plural(preview.divisions, 'division', 'divisions')} ; {plural(preview.errorLines.length, 'ligne en erreur', 'lignes en erreur')}
            </strong>{' '}
            (fichier lu en {preview.encoding}).
          </p>
          {preview.errorLines.length > 0 ? (
            <>
              <p>Rien ne sera importé tant que le fichier contient des erreurs. Corrigez-le puis vérifiez-le à nouveau.</p>
              <ul class="error-list">
                {preview.errorLines.map((line) => (
                  <li>{line}</li>
                ))}
              </ul>
            </>
          ) : (
            <>
              <ul>
                <li>{plural(preview.newPupils, 'élève à créer', 'élèves à créer')}</li>
                <li>{plural(preview.updatedPupils, 'élève déjà connu (mis à jour)', 'élèves déjà connus (mis à jour)')}</li>
                <li>{preview.newDivisions.length === 0 ? 'Aucune division à créer' : `Divisions à créer : ${preview.newDivisions.join(', ')}`}</li>
              </ul>
              <p>Aucun élève n’est supprimé : ceux qui ne figurent pas dans le fichier restent tels quels.</p>
              <form method="post" action={`/etablissement/import/${preview.batchId}`}>
                <div class="button-group">
                  <button type="submit" class="button">
                    Importer
                  </button>
                </div>
              </form>
            </>
          )}
        </section>
      ) : null}
      <h2>Fichier à importer</h2>
      <p>
        Un fichier CSV (séparateur « ; », encodage UTF-8 ou Windows-1252), une ligne par élève, avec une ligne d’en-tête
        contenant les colonnes : {columns.join(', ')}. Les colonnes du représentant légal 2, la date de naissance (JJ/MM/AAAA),
        les courriels et téléphones sont facultatifs.
      </p>
      <form method="post" action="/etablissement/import" enctype="multipart/form-data" class="form">
        <div class="field">
          <label class="field__label" for="fichier">
            Fichier CSV des élèves et des représentants légaux
          </label>
          <input class="field__input" type="file" id="fichier" name="fichier" accept=".csv,text/csv" />
        </div>
        <div class="button-group">
          <button type="submit" class="button">
            Vérifier le fichier
          </button>
        </div>
      </form>
      <p>
        <a href="/etablissement">Retour à l’établissement</a>
      </p>
    </>
  );
}
