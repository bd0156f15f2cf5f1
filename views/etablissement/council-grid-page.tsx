import { ErrorSummary, type FieldError } from '../components/error-summary.js';
import { LeaveDialog } from '../components/leave-dialog.js';

export type CouncilPhase = 'provisional' | 'final';

export type GridWish = { rank: number; title: string; lines: string[]; vocational: boolean };
export type GridPupil = {
  pupilId: number;
  name: string;
  wishes: GridWish[];
  answers: Record<number, string>;
  councilTracks: string[];
  motivations: string;
  /** Tracks the council may recommend or propose: the palier's voies the family did not ask for. */
  otherTracks: Array<{ code: string; label: string }>;
  status: string | null;
};

export type CouncilGridProps = {
  phase: CouncilPhase;
  divisionName: string;
  actionUrl: string;
  publishUrl: string;
  publishedAt: string | null;
  rows: GridPupil[];
  errors: FieldError[];
  /** Rows saved by the last request (shown as such, and announced). */
  savedPupilIds: number[];
  notice?: string | undefined;
};

const PHASE_WORDING = {
  provisional: {
    title: 'Avis provisoires du conseil de classe',
    wishes: 'Intentions',
    recommendation: 'Recommandation pour une voie non demandée',
    options: [
      ['favorable', 'Avis favorable'],
      ['reserved', 'Avis réservé'],
      ['unfavorable', 'Avis défavorable'],
    ],
    publish: 'Publier les avis pour la division',
    published: 'Avis publiés le',
  },
  final: {
    title: 'Propositions du conseil de classe',
    wishes: 'Choix définitifs',
    recommendation: 'Voies proposées par le conseil (non demandées)',
    options: [
      ['yes', 'Oui'],
      ['no', 'Non'],
    ],
    publish: 'Publier les propositions pour la division',
    published: 'Propositions publiées le',
  },
} as const;

const VOCATIONAL_OPTIONS = [
  ['favorable', 'avis favorable'],
  ['unfavorable', 'avis défavorable'],
] as const;

export const answerField = (pupilId: number, rank: number) => `reponse-${pupilId}-${rank}`;
export const tracksField = (pupilId: number) => `voies-${pupilId}`;
export const motivationsField = (pupilId: number) => `motivations-${pupilId}`;

export function CouncilGridRow({
  row,
  phase,
  actionUrl,
  saved,
  error,
}: {
  row: GridPupil;
  phase: CouncilPhase;
  actionUrl: string;
  saved: boolean;
  error?: string | undefined;
}) {
  const wording = PHASE_WORDING[phase];
  const announcement = error ? `Ligne non enregistrée : ${error}` : saved ? `Ligne enregistrée : ${row.name}` : undefined;
  return (
    <tr id={`ligne-${row.pupilId}`} data-announce={announcement}>
      <th scope="row">
        <a href={`/etablissement/eleves/${row.pupilId}`}>{row.name}</a>
        {saved ? <span class="badge badge--success"> Enregistrée</span> : null}
        {/* Shown by app.js as soon as a field of the row changes, until the row is saved. */}
        <span class="badge badge--unsaved" data-unsaved-marker hidden>
          Modifications non enregistrées
        </span>
        {error ? (
          <p class="field__error" id={`ligne-${row.pupilId}-erreur`}>
            {error}
          </p>
        ) : null}
      </th>
      <td>
        {row.wishes.length === 0 ? (
          <p>Aucun vœu saisi.</p>
        ) : (
          <ol class="grid-wishes">
            {row.wishes.map((wish) => {
              const options = phase === 'final' && wish.vocational ? VOCATIONAL_OPTIONS : wording.options;
              const id = answerField(row.pupilId, wish.rank);
              return (
                <li>
                  <label for={id}>
                    Rang {wish.rank} : {wish.title}
                    {wish.lines.length > 0 ? <span class="grid-wishes__details"> ({wish.lines.join(' ; ')})</span> : null}
                  </label>
                  <select id={id} name={id} class="field__input">
                    <option value="">— À saisir —</option>
                    {options.map(([value, label]) => (
                      <option value={value} selected={row.answers[wish.rank] === value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </li>
              );
            })}
          </ol>
        )}
      </td>
      <td>
        {phase === 'provisional' ? (
          <>
            <label for={tracksField(row.pupilId)} class="visually-hidden">
              {wording.recommendation} pour {row.name}
            </label>
            <select id={tracksField(row.pupilId)} name={tracksField(row.pupilId)} class="field__input">
              <option value="">Aucune</option>
              {row.otherTracks.map((track) => (
                <option value={track.code} selected={row.councilTracks.includes(track.code)}>
                  {track.label}
                </option>
              ))}
            </select>
          </>
        ) : (
          <fieldset class="grid-tracks">
            <legend class="visually-hidden">
              {wording.recommendation} pour {row.name}
            </legend>
            {row.otherTracks.map((track) => (
              <div class="checkbox">
                <input
                  type="checkbox"
                  id={`${tracksField(row.pupilId)}-${track.code}`}
                  name={tracksField(row.pupilId)}
                  value={track.code}
                  checked={row.councilTracks.includes(track.code)}
                />
                <label for={`${tracksField(row.pupilId)}-${track.code}`}>{track.label}</label>
              </div>
            ))}
          </fieldset>
        )}
      </td>
      <td>
        <label for={motivationsField(row.pupilId)} class="visually-hidden">
          Motivations du conseil pour {row.name}
        </label>
        <textarea id={motivationsField(row.pupilId)} name={motivationsField(row.pupilId)} class="field__input" rows={3} maxlength={4000}>
          {row.motivations}
        </textarea>
      </td>
      <td>
        <button
          type="submit"
          name="ligne"
          value={String(row.pupilId)}
          class="button button--secondary"
          data-hx-post={actionUrl}
          data-hx-target="closest tr"
          data-hx-swap="outerHTML"
          data-focus-after-swap={saved || error ? '' : undefined}
        >
          Enregistrer<span class="visually-hidden"> la ligne de {row.name}</span>
        </button>
      </td>
    </tr>
  );
}

export function CouncilGridPage(props: CouncilGridProps) {
  const wording = PHASE_WORDING[props.phase];
  return (
    <>
      <h1>
        {wording.title} — {props.divisionName}
      </h1>
      <ErrorSummary errors={props.errors} />
      {props.notice ? (
        <div class="notice notice--success" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      {props.publishedAt ? (
        <div class="notice">
          <p>
            {wording.published} {props.publishedAt}. Les familles les voient.
          </p>
        </div>
      ) : (
        <p>
          Saisissez la réponse du conseil pour chaque vœu, puis enregistrez chaque ligne (ou toute la grille). Les familles
          ne voient rien avant la publication.
        </p>
      )}
      <form method="post" action={props.actionUrl} class="council-grid">
        <div class="table-wrapper">
          <table>
            <caption>
              {wording.title} — {props.divisionName} : {props.rows.length} élève(s)
            </caption>
            <thead>
              <tr>
                <th scope="col">Élève</th>
                <th scope="col">{wording.wishes} et réponse du conseil</th>
                <th scope="col">{wording.recommendation}</th>
                <th scope="col">Motivations</th>
                <th scope="col">Enregistrement</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <CouncilGridRow row={row} phase={props.phase} actionUrl={props.actionUrl} saved={props.savedPupilIds.includes(row.pupilId)} />
              ))}
            </tbody>
          </table>
        </div>
        <div class="button-group">
          <button type="submit" class="button">
            Enregistrer toute la grille
          </button>
        </div>
      </form>
      {props.publishedAt ? null : (
        <form method="post" action={props.publishUrl}>
          <div class="button-group">
            <button type="submit" class="button">
              {wording.publish}
            </button>
          </div>
        </form>
      )}
      <p>
        <a href="/etablissement">Retour à l’établissement</a>
      </p>
      <LeaveDialog message="Des lignes de la grille ne sont pas enregistrées. Êtes-vous sûr de vouloir quitter cette page ?" />
    </>
  );
}

export type PublishConfirmProps = {
  phase: CouncilPhase;
  divisionName: string;
  gridUrl: string;
  publishUrl: string;
  pupilCount: number;
  /** Pupils whose file cannot be published yet, with the rule's reason (an answer still to enter…). */
  blocked: Array<{ id: number; name: string; reason: string }>;
};

/** « Publier pour la division » asks first: what the families will see, and who still lacks an answer. */
export function PublishConfirmPage(props: PublishConfirmProps) {
  const wording = PHASE_WORDING[props.phase];
  const what = props.phase === 'provisional' ? 'les avis provisoires' : 'les propositions';
  return (
    <>
      <h1>
        {wording.publish} {props.divisionName} ?
      </h1>
      <p>
        Les familles des {props.pupilCount} élève(s) de la division verront {what} du conseil de classe et recevront un courriel. La
        publication ne peut pas être annulée.
      </p>
      {props.blocked.length > 0 ? (
        <>
          <div class="notice notice--warning">
            <h2>Élèves sans réponse saisie ({props.blocked.length})</h2>
            <p>La publication n’est possible qu’une fois la réponse du conseil saisie pour chaque élève de la division. Complétez la grille pour :</p>
            <ul>
              {props.blocked.map((pupil) => (
                <li>
                  <a href={`${props.gridUrl}#ligne-${pupil.id}`}>{pupil.name}</a> : {pupil.reason}
                </li>
              ))}
            </ul>
          </div>
          <p>
            <a class="button" href={props.gridUrl}>
              Revenir à la grille
            </a>
          </p>
        </>
      ) : (
        <>
          <p>La réponse du conseil est saisie pour chaque élève de la division.</p>
          <form method="post" action={props.publishUrl}>
            <input type="hidden" name="confirmation" value="oui" />
            <div class="button-group">
              <button type="submit" class="button">
                Confirmer la publication
              </button>
              <a class="button button--secondary" href={props.gridUrl}>
                Revenir à la grille
              </a>
            </div>
          </form>
        </>
      )}
    </>
  );
}
