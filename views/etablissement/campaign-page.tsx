import { ErrorSummary, errorFor, type FieldError } from '../components/error-summary.js';

export type WindowKey = 'intentions' | 'acknowledgement' | 'choices' | 'response';

export const WINDOW_LABELS: Record<WindowKey, string> = {
  intentions: 'Saisie des intentions',
  acknowledgement: 'Accusé de réception de l’avis provisoire',
  choices: 'Saisie des choix définitifs',
  response: 'Réponse aux propositions du conseil de classe',
};

export type DateTimeValue = { date: string; time: string };

export type CampaignForm = {
  windows: Record<WindowKey, { opens: DateTimeValue; closes: DateTimeValue; status: string }>;
  councils: Array<{ divisionId: number; divisionName: string; provisional: DateTimeValue; final: DateTimeValue }>;
  secondRepresentative: 'presumed' | 'required' | 'none';
  pupilAccess: boolean;
  termWording: 'trimestre' | 'semestre';
  message: string;
};

export type CampaignPageProps = {
  schoolName: string;
  level: '3e' | '2de';
  schoolYear: number;
  timeZone: string;
  form: CampaignForm;
  errors: FieldError[];
  canManage: boolean;
  notice?: string | undefined;
};

/** Form field names, shared with the route that reads them. */
export const campaignFields = {
  window: (window: WindowKey, edge: 'ouverture' | 'fermeture', part: 'date' | 'heure') => `${window}-${edge}-${part}`,
  council: (divisionId: number, kind: 'provisoire' | 'definitif', part: 'date' | 'heure') => `conseil-${divisionId}-${kind}-${part}`,
};

function DateTimeField(props: { legend: string; dateName: string; timeName: string; value: DateTimeValue; error?: string | undefined; disabled: boolean }) {
  const errorId = props.error ? `${props.dateName}-erreur` : undefined;
  return (
    <fieldset class={props.error ? 'datetime field--error' : 'datetime'} aria-describedby={errorId}>
      <legend>{props.legend}</legend>
      {props.error ? (
        <p class="field__error" id={errorId}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      ) : null}
      <div class="datetime__inputs">
        <div>
          <label for={props.dateName}>Date</label>
          <input class="field__input" type="date" id={props.dateName} name={props.dateName} value={props.value.date} disabled={props.disabled} aria-invalid={props.error ? 'true' : undefined} />
        </div>
        <div>
          <label for={props.timeName}>Heure</label>
          <input class="field__input" type="time" id={props.timeName} name={props.timeName} value={props.value.time} disabled={props.disabled} />
        </div>
      </div>
    </fieldset>
  );
}

export function CampaignPage(props: CampaignPageProps) {
  const { form, errors } = props;
  const disabled = !props.canManage;
  return (
    <>
      <h1>
        Campagne d’orientation {props.schoolYear}-{props.schoolYear + 1} — palier {props.level}
      </h1>
      <ErrorSummary errors={errors} />
      {props.notice ? (
        <div class="notice notice--success" role="status">
          <p>{props.notice}</p>
        </div>
      ) : null}
      <p>
        {props.schoolName}. Les heures sont celles du fuseau de l’académie ({props.timeZone}). Chaque saisie des familles doit se
        terminer au moins 24 heures avant le premier conseil de classe correspondant.
      </p>
      {disabled ? <p class="notice">Seul le chef d’établissement peut modifier le calendrier et les réglages.</p> : null}

      <h2>Ouvrir ou fermer maintenant</h2>
      <ul class="window-actions">
        {(Object.keys(WINDOW_LABELS) as WindowKey[]).map((window) => (
          <li>
            <span>
              {WINDOW_LABELS[window]} : {form.windows[window].status}
            </span>
            {disabled ? null : (
              <div class="window-actions__buttons">
                <form method="post" action={`/etablissement/campagne/${window}/ouvrir`}>
                  <button type="submit" class="button button--secondary">
                    Ouvrir maintenant<span class="visually-hidden"> : {WINDOW_LABELS[window]}</span>
                  </button>
                </form>
                <form method="post" action={`/etablissement/campagne/${window}/fermer`}>
                  <button type="submit" class="button button--secondary">
                    Fermer maintenant<span class="visually-hidden"> : {WINDOW_LABELS[window]}</span>
                  </button>
                </form>
              </div>
            )}
          </li>
        ))}
      </ul>

      <form method="post" action="/etablissement/campagne" novalidate>
        <h2>Calendrier</h2>
        {(Object.keys(WINDOW_LABELS) as WindowKey[]).map((window) => (
          <fieldset class="window">
            <legend>{WINDOW_LABELS[window]}</legend>
            <DateTimeField
              legend="Ouverture"
              dateName={campaignFields.window(window, 'ouverture', 'date')}
              timeName={campaignFields.window(window, 'ouverture', 'heure')}
              value={form.windows[window].opens}
              error={errorFor(errors, campaignFields.window(window, 'ouverture', 'date'))}
              disabled={disabled}
            />
            <DateTimeField
              legend="Fermeture"
              dateName={campaignFields.window(window, 'fermeture', 'date')}
              timeName={campaignFields.window(window, 'fermeture', 'heure')}
              value={form.windows[window].closes}
              error={errorFor(errors, campaignFields.window(window, 'fermeture', 'date'))}
              disabled={disabled}
            />
          </fieldset>
        ))}

        <h2>Conseils de classe</h2>
        {form.councils.map((council) => (
          <fieldset class="window">
            <legend>{council.divisionName}</legend>
            <DateTimeField
              legend={`Conseil du ${form.termWording === 'semestre' ? '1er semestre' : '2e trimestre'}`}
              dateName={campaignFields.council(council.divisionId, 'provisoire', 'date')}
              timeName={campaignFields.council(council.divisionId, 'provisoire', 'heure')}
              value={council.provisional}
              error={errorFor(errors, campaignFields.council(council.divisionId, 'provisoire', 'date'))}
              disabled={disabled}
            />
            <DateTimeField
              legend={`Conseil du ${form.termWording === 'semestre' ? '2e semestre' : '3e trimestre'}`}
              dateName={campaignFields.council(council.divisionId, 'definitif', 'date')}
              timeName={campaignFields.council(council.divisionId, 'definitif', 'heure')}
              value={council.final}
              error={errorFor(errors, campaignFields.council(council.divisionId, 'definitif', 'date'))}
              disabled={disabled}
            />
          </fieldset>
        ))}

        <h2>Réglages</h2>
        <fieldset class="field">
          <legend class="field__label">Accord du second représentant légal</legend>
          {(
            [
              ['presumed', 'Présumé : sans réponse avant la fermeture, l’accord est présumé'],
              ['required', 'Requis : la décision attend l’accord du second représentant'],
              ['none', 'Non demandé : la réponse d’un seul représentant suffit'],
            ] as const
          ).map(([value, label]) => (
            <div class="radio">
              <input type="radio" id={`second-${value}`} name="second_representant" value={value} checked={form.secondRepresentative === value} disabled={disabled} />
              <label for={`second-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <fieldset class="field">
          <legend class="field__label">Découpage de l’année</legend>
          {(
            [
              ['trimestre', 'Trimestres'],
              ['semestre', 'Semestres'],
            ] as const
          ).map(([value, label]) => (
            <div class="radio">
              <input type="radio" id={`decoupage-${value}`} name="decoupage" value={value} checked={form.termWording === value} disabled={disabled} />
              <label for={`decoupage-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <div class="field checkbox">
          <input type="checkbox" id="acces_eleve" name="acces_eleve" value="oui" checked={form.pupilAccess} disabled={disabled} />
          <label for="acces_eleve">Les élèves peuvent consulter leur dossier</label>
        </div>
        <div class={errorFor(errors, 'message') ? 'field field--error' : 'field'}>
          <label class="field__label" for="message">
            Message de l’établissement aux familles
          </label>
          <p class="field__hint" id="message-aide">
            Affiché sur la page d’orientation de chaque élève. 2 000 caractères au plus.
          </p>
          <textarea class="field__input" id="message" name="message" rows={4} maxlength={2000} aria-describedby="message-aide" disabled={disabled}>
            {form.message}
          </textarea>
        </div>
        {disabled ? null : (
          <div class="button-group">
            <button type="submit" class="button">
              Enregistrer le calendrier et les réglages
            </button>
          </div>
        )}
      </form>
      <p>
        <a href="/etablissement">Retour à l’établissement</a>
      </p>
    </>
  );
}

/** No campaign yet for the school year under way. */
export function NoCampaignPage({ level, schoolYear, canManage }: { level: '3e' | '2de'; schoolYear: number; canManage: boolean }) {
  return (
    <>
      <h1>Campagne d’orientation</h1>
      <p>
        Aucune campagne d’orientation n’existe encore pour l’année {schoolYear}-{schoolYear + 1} (palier {level}).
      </p>
      {canManage ? (
        <form method="post" action="/etablissement/campagne/creer">
          <div class="button-group">
            <button type="submit" class="button">
              Créer la campagne {schoolYear}-{schoolYear + 1}
            </button>
          </div>
        </form>
      ) : (
        <p>Le chef d’établissement crée la campagne de l’année.</p>
      )}
      <p>
        <a href="/etablissement">Retour à l’établissement</a>
      </p>
    </>
  );
}
