import { ErrorSummary, errorFor, type FieldError } from '../components/error-summary.js';

export type StaffWish = { rank: number; title: string; lines: string[]; answer: string | null };
export type StaffAction = 'intentions' | 'choices' | 'acknowledge' | 'answer' | 'accord' | 'interview' | 'headDecision' | 'appeal' | 'commission' | 'maintien';

export type PupilFilePageProps = {
  pupil: { id: number; name: string; division: string; isAdult: boolean };
  stageLabel: string;
  representatives: Array<{ id: number; position: number; name: string; email: string | null; login: string | null }>;
  intentions: StaffWish[];
  intentionsInfo: string;
  opinionsInfo: string;
  choices: StaffWish[];
  choicesInfo: string;
  proposalsInfo: string;
  responseInfo: string;
  outcomeLines: string[];
  timeline: Array<{ dateText: string; sentence: string }>;
  /** The actions the rules allow now, with what they need. */
  actions: {
    /** The list editors, to copy a paper form of intentions or choix définitifs. */
    intentions: boolean;
    choices: boolean;
    acknowledge: boolean;
    answer: { tracks: Array<{ code: string; label: string }> } | null;
    accord: boolean;
    interview: boolean;
    headDecision: { tracks: Array<{ code: string; label: string }> } | null;
    appeal: { deadline: string } | null;
    commission: { tracks: Array<{ code: string; label: string }> } | null;
    maintien: boolean;
  };
  isHead: boolean;
  errors: FieldError[];
  notice?: string | undefined;
  issued?: { name: string; login: string; password: string } | undefined;
};

function WishTable({ caption, wishes, answerLabel }: { caption: string; wishes: StaffWish[]; answerLabel: string }) {
  if (wishes.length === 0) return <p>Aucun vœu.</p>;
  return (
    <div class="table-wrapper">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Rang</th>
            <th scope="col">Voie</th>
            <th scope="col">{answerLabel}</th>
          </tr>
        </thead>
        <tbody>
          {wishes.map((wish) => (
            <tr>
              <th scope="row">{wish.rank}</th>
              <td>
                {wish.title}
                {wish.lines.length > 0 ? <span class="grid-wishes__details"> ({wish.lines.join(' ; ')})</span> : null}
              </td>
              <td>{wish.answer ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RepresentativeSelect({ id, representatives }: { id: string; representatives: PupilFilePageProps['representatives'] }) {
  return (
    <div class="field">
      <label class="field__label" for={id}>
        Représentant légal qui a signé le formulaire papier
      </label>
      <select class="field__input" id={id} name="representant">
        {representatives.map((representative) => (
          <option value={String(representative.id)}>{representative.name}</option>
        ))}
      </select>
    </div>
  );
}

function TrackRadios({ name, legend, tracks, errors, multiple }: { name: string; legend: string; tracks: Array<{ code: string; label: string }>; errors: FieldError[]; multiple?: boolean }) {
  const error = errorFor(errors, `${name}-0`);
  return (
    <fieldset class={error ? 'field field--error' : 'field'} aria-describedby={error ? `${name}-erreur` : undefined}>
      <legend class="field__label">{legend}</legend>
      {error ? (
        <p class="field__error" id={`${name}-erreur`}>
          {error}
        </p>
      ) : null}
      {tracks.map((track, index) => (
        <div class={multiple ? 'checkbox' : 'radio'}>
          <input type={multiple ? 'checkbox' : 'radio'} id={`${name}-${index}`} name={name} value={track.code} />
          <label for={`${name}-${index}`}>{track.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function PupilFilePage(props: PupilFilePageProps) {
  const { pupil, actions, errors } = props;
  const base = `/etablissement/eleves/${pupil.id}`;
  return (
    <>
      <h1>Dossier d’orientation de {pupil.name}</h1>
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <div class="notice notice--success" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      {props.issued ? (
        <div class="notice notice--success" role="status">
          <p>
            Nouveau mot de passe provisoire pour {props.issued.name} : identifiant <strong>{props.issued.login}</strong>, mot de passe{' '}
            <strong class="password">{props.issued.password}</strong>. Notez-le maintenant : il ne sera plus affiché.
          </p>
        </div>
      ) : null}
      <dl class="summary-list">
        <dt>Division</dt>
        <dd>{pupil.division}</dd>
        <dt>Étape</dt>
        <dd>{props.stageLabel}</dd>
        <dt>Élève majeur</dt>
        <dd>{pupil.isAdult ? 'oui : il effectue lui-même ses démarches' : 'non'}</dd>
      </dl>

      <h2>Représentants légaux</h2>
      <ul>
        {props.representatives.map((representative) => (
          <li>
            {representative.name} — {representative.email ?? 'pas d’adresse électronique'} —{' '}
            {representative.login ? `compte ${representative.login}` : 'sans compte'}
            <form method="post" action={`${base}/mot-de-passe`} class="inline-form">
              <input type="hidden" name="representant" value={String(representative.id)} />
              <button type="submit" class="button button--secondary">
                Nouveau mot de passe provisoire<span class="visually-hidden"> pour {representative.name}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
      <form method="post" action={`${base}/majeur`}>
        <input type="hidden" name="majeur" value={pupil.isAdult ? 'non' : 'oui'} />
        <button type="submit" class="button button--secondary">
          {pupil.isAdult ? 'Ne plus considérer l’élève comme majeur' : 'Signaler l’élève comme majeur'}
        </button>
      </form>

      <h2>Phase provisoire</h2>
      <p>{props.intentionsInfo}</p>
      <WishTable caption="Intentions et avis provisoires" wishes={props.intentions} answerLabel="Avis du conseil" />
      <p>{props.opinionsInfo}</p>

      <h2>Phase définitive</h2>
      <p>{props.choicesInfo}</p>
      <WishTable caption="Choix définitifs et propositions" wishes={props.choices} answerLabel="Réponse du conseil" />
      <p>{props.proposalsInfo}</p>
      <p>{props.responseInfo}</p>

      <h2>Décision et dialogue</h2>
      {props.outcomeLines.length === 0 ? <p>Pas encore de décision.</p> : (
        <ul>
          {props.outcomeLines.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      )}

      <h2>Saisies de l’établissement</h2>
      {Object.values(actions).every((action) => !action) ? <p>Aucune saisie n’est possible à cette étape du dossier.</p> : null}

      {actions.intentions || actions.choices ? (
        <div class="card">
          <h3>Formulaire papier de la famille</h3>
          <ul>
            {actions.intentions ? (
              <li>
                <a href={`${base}/intentions`}>Saisir les intentions du formulaire papier</a>
              </li>
            ) : null}
            {actions.choices ? (
              <li>
                <a href={`${base}/choix-definitifs`}>Saisir les choix définitifs du formulaire papier</a>
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}

      {actions.acknowledge ? (
        <form method="post" action={`${base}/accuse-reception`} class="form card">
          <h3>Accusé de réception papier de l’avis provisoire</h3>
          <RepresentativeSelect id="representant-accuse" representatives={props.representatives} />
          <button type="submit" class="button">
            Enregistrer l’accusé de réception (saisie papier)
          </button>
        </form>
      ) : null}

      {actions.answer ? (
        <form method="post" action={`${base}/reponse`} class="form card">
          <h3>Réponse papier aux propositions du conseil de classe</h3>
          <RepresentativeSelect id="representant-reponse" representatives={props.representatives} />
          <TrackRadios name="voies" legend="Voies acceptées par la famille" tracks={actions.answer.tracks} errors={errors} multiple />
          <div class="checkbox field">
            <input type="checkbox" id="aucune" name="aucune" value="oui" />
            <label for="aucune">N’accepter aucune proposition</label>
          </div>
          <button type="submit" class="button">
            Enregistrer la réponse (saisie papier)
          </button>
        </form>
      ) : null}

      {actions.accord ? (
        <form method="post" action={`${base}/accord`} class="form card">
          <h3>Accord papier du second représentant légal</h3>
          <RepresentativeSelect id="representant-accord" representatives={props.representatives} />
          <fieldset class="field">
            <legend class="field__label">Réponse du second représentant</legend>
            <div class="radio">
              <input type="radio" id="accord-oui" name="accord" value="oui" checked />
              <label for="accord-oui">Accord</label>
            </div>
            <div class="radio">
              <input type="radio" id="accord-non" name="accord" value="non" />
              <label for="accord-non">Désaccord</label>
            </div>
          </fieldset>
          <button type="submit" class="button">
            Enregistrer (saisie papier)
          </button>
        </form>
      ) : null}

      {actions.interview ? (
        <form method="post" action={`${base}/entretien`} class="form card">
          <h3>Entretien avec la famille</h3>
          <div class={errorFor(errors, 'compte-rendu') ? 'field field--error' : 'field'}>
            <label class="field__label" for="compte-rendu">
              Compte rendu de l’entretien
            </label>
            {errorFor(errors, 'compte-rendu') ? (
              <p class="field__error" id="compte-rendu-erreur">
                {errorFor(errors, 'compte-rendu')}
              </p>
            ) : null}
            <textarea class="field__input" id="compte-rendu" name="compte_rendu" rows={4} maxlength={4000} aria-describedby={errorFor(errors, 'compte-rendu') ? 'compte-rendu-erreur' : undefined}></textarea>
          </div>
          <button type="submit" class="button">
            Enregistrer l’entretien
          </button>
        </form>
      ) : null}

      {actions.headDecision ? (
        props.isHead ? (
          <form method="post" action={`${base}/decision`} class="form card">
            <h3>Décision du chef d’établissement</h3>
            <TrackRadios name="voies" legend="Voie(s) décidée(s)" tracks={actions.headDecision.tracks} errors={errors} multiple />
            <div class={errorFor(errors, 'motivations') ? 'field field--error' : 'field'}>
              <label class="field__label" for="motivations">
                Motivations (obligatoires si la décision ne suit pas la demande de la famille)
              </label>
              {errorFor(errors, 'motivations') ? (
                <p class="field__error" id="motivations-erreur">
                  {errorFor(errors, 'motivations')}
                </p>
              ) : null}
              <textarea class="field__input" id="motivations" name="motivations" rows={4} maxlength={4000} aria-describedby={errorFor(errors, 'motivations') ? 'motivations-erreur' : undefined}></textarea>
            </div>
            <button type="submit" class="button">
              Enregistrer la décision
            </button>
          </form>
        ) : (
          <p>La décision appartient au chef d’établissement.</p>
        )
      ) : null}

      {actions.appeal ? (
        <form method="post" action={`${base}/appel`} class="form card">
          <h3>Appel de la famille</h3>
          <p>Délai d’appel : jusqu’au {actions.appeal.deadline} (3 jours ouvrables).</p>
          <div class={errorFor(errors, 'date-appel') ? 'field field--error' : 'field'}>
            <label class="field__label" for="date-appel">
              Date de dépôt de l’appel
            </label>
            {errorFor(errors, 'date-appel') ? (
              <p class="field__error" id="date-appel-erreur">
                {errorFor(errors, 'date-appel')}
              </p>
            ) : null}
            <input class="field__input" type="date" id="date-appel" name="date_appel" aria-describedby={errorFor(errors, 'date-appel') ? 'date-appel-erreur' : undefined} />
          </div>
          <button type="submit" class="button">
            Enregistrer l’appel
          </button>
        </form>
      ) : null}

      {actions.commission ? (
        <form method="post" action={`${base}/commission`} class="form card">
          <h3>Décision de la commission d’appel</h3>
          <TrackRadios name="voies" legend="Voie(s) décidée(s) par la commission" tracks={actions.commission.tracks} errors={errors} multiple />
          <button type="submit" class="button">
            Enregistrer la décision de la commission
          </button>
        </form>
      ) : null}

      {actions.maintien ? (
        <form method="post" action={`${base}/maintien`} class="form card">
          <h3>Maintien dans la classe d’origine</h3>
          <p>La famille demande le maintien de l’élève dans sa classe d’origine après la décision de la commission d’appel.</p>
          <button type="submit" class="button">
            Enregistrer le maintien
          </button>
        </form>
      ) : null}

      <h2>Historique</h2>
      {props.timeline.length === 0 ? (
        <p>Aucune saisie pour l’instant.</p>
      ) : (
        <ol class="timeline">
          {props.timeline.map((item) => (
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
