import { ErrorSummary, errorFor } from '../components/error-summary.js';
import { PupilBanner } from '../components/pupil-banner.js';
import { RedoublementNotice } from '../components/redoublement-notice.js';
import type { AddFormView } from './orientation-types.js';
import { PHASE_WORDING } from './phase-wording.js';
import { ADD_DIALOG_ID, EDITOR_ID } from './wish-editor.js';

/** Where each field's error links to. */
export const ADD_FIELD_IDS: Record<string, string> = {
  track: 'voie-1',
  series: 'serie',
  occupation: 'metier',
  schoolStatus: 'statut-scolaire',
  apprenticeStatus: 'statut-apprenti',
  specialties: 'specialite-1',
  laboratorySpecialty: 'specialite-stl',
  vocationalRoute: 'acces-pro',
};

function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field__error" id={id}>
      <span class="visually-hidden">Erreur : </span>
      {message}
    </p>
  ) : null;
}

type SelectProps = { id: string; name: string; label: string; value: string; options: { code: string; label: string }[]; placeholder: string; error?: string | undefined; errorId?: string; hint?: string };

function Select(props: SelectProps) {
  const hintId = props.hint ? `${props.id}-aide` : undefined;
  const describedBy = [hintId, props.error ? props.errorId ?? `${props.id}-erreur` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <p class="field__hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.errorId ? null : <ErrorText id={`${props.id}-erreur`} message={props.error} />}
      <select class="field__input" id={props.id} name={props.name} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedBy}>
        <option value="">{props.placeholder}</option>
        {props.options.map((option) => (
          <option value={option.code} selected={option.code === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The form of one wish: in the dialog with JavaScript, on its own page without. */
export function AddWishForm({ view, inDialog }: { view: AddFormView; inDialog: boolean }) {
  const words = PHASE_WORDING[view.phase];
  const editorPath = `${view.basePath}/${words.segment}`;
  const action = `${editorPath}/ajouter`;
  const { values, errors } = view;
  const err = (field: string) => errorFor(errors, field);
  const trackError = err('track') ?? err('wishes');
  const isThird = view.level === '3e';
  const radios = isThird
    ? view.tracks.map((t) => ({ value: t.code, label: t.label, help: t.help }))
    : [
        { value: '1G', label: '1re générale', help: null },
        { value: '1T', label: '1re technologique', help: 'Précisez la série ci-dessous.' },
        ...view.tracks.filter((t) => t.code === 'BTMM' || t.code === 'VPRO').map((t) => ({ value: t.code, label: t.label, help: t.help })),
      ];
  const firstFocus = errors.length > 0 ? null : 'voie-1';
  const specialtyError = err('specialties');
  return (
    <div class="add-form" data-open-dialog={inDialog ? ADD_DIALOG_ID : undefined}>
      {inDialog ? (
        <h2 id={`${ADD_DIALOG_ID}-titre`} class="modal__title">
          {words.dialogTitle}
        </h2>
      ) : null}
      <p class="rank-hint">
        <span aria-hidden="true">→ </span>Rang {view.rank}
      </p>
      {view.phase === 'final' ? (
        <p class="field__hint">Les champs suivis d'une étoile sont obligatoires.</p>
      ) : (
        <p class="field__hint">Les champs suivis de la mention « obligatoire » doivent être remplis.</p>
      )}
      <ErrorSummary errors={errors.map((error) => ({ field: ADD_FIELD_IDS[error.field] ?? 'voie-1', message: error.message }))} />
      <form method="post" action={action} data-hx-post={action} data-hx-target={`#${EDITOR_ID}`} data-hx-swap="outerHTML" novalidate>
        <fieldset class="fieldset">
          <legend class="fieldset__legend">
            Veuillez sélectionner une voie d'orientation{isThird ? '' : ' ou un autre parcours'} :{' '}
            {view.phase === 'final' ? (
              <span class="field__required">
                <span aria-hidden="true">(*)</span>
                <span class="visually-hidden">(obligatoire)</span>
              </span>
            ) : (
              <span class="field__required">(obligatoire)</span>
            )}
          </legend>
          <ErrorText id="voie-erreur" message={trackError} />
          {radios.map((radio, index) => {
            const id = `voie-${index + 1}`;
            const helpId = radio.help ? `${id}-aide` : undefined;
            return (
              <div class="choice">
                <input
                  type="radio"
                  id={id}
                  name="track"
                  value={radio.value}
                  checked={values.track === radio.value}
                  aria-describedby={[helpId, trackError ? 'voie-erreur' : undefined].filter(Boolean).join(' ') || undefined}
                  data-focus-after-swap={firstFocus === id ? '' : undefined}
                />
                <label for={id}>{radio.label}</label>
                {radio.help ? (
                  <p class="choice__hint" id={helpId}>
                    {radio.help}
                  </p>
                ) : null}
              </div>
            );
          })}
        </fieldset>

        {isThird ? (
          <fieldset class="fieldset">
            <legend class="fieldset__legend">Pour la 2de professionnelle ou la 1re année de CAP (facultatif)</legend>
            <p class="field__hint">{view.vocational.occupationHelp}</p>
            <div class={err('occupation') ? 'field field--error' : 'field'}>
              <label class="field__label" for="metier">
                {view.vocational.occupationLabel}
              </label>
              <p class="field__hint" id="metier-aide">
                {view.vocational.occupationHint}
              </p>
              <ErrorText id="metier-erreur" message={err('occupation')} />
              <input
                class="field__input"
                type="text"
                id="metier"
                name="occupation"
                value={values.occupation}
                maxlength={200}
                autocomplete="off"
                aria-invalid={err('occupation') ? 'true' : undefined}
                aria-describedby={['metier-aide', err('occupation') ? 'metier-erreur' : undefined].filter(Boolean).join(' ')}
              />
            </div>
            <p class="field__hint">{view.vocational.occupationInformation}</p>
            <p class="field__hint">{view.vocational.statusHint}</p>
            <div class="choice">
              <input type="checkbox" id="statut-scolaire" name="schoolStatus" value="oui" checked={values.schoolStatus} aria-describedby="statut-scolaire-aide" />
              <label for="statut-scolaire">{view.vocational.schoolStatus.label}</label>
              <p class="choice__hint" id="statut-scolaire-aide">
                {view.vocational.schoolStatus.explanation}
              </p>
            </div>
            <div class="choice">
              <input type="checkbox" id="statut-apprenti" name="apprenticeStatus" value="oui" checked={values.apprenticeStatus} aria-describedby="statut-apprenti-aide" />
              <label for="statut-apprenti">{view.vocational.apprenticeStatus.label}</label>
              <p class="choice__hint" id="statut-apprenti-aide">
                {view.vocational.apprenticeStatus.explanation}
              </p>
            </div>
          </fieldset>
        ) : (
          <>
            <fieldset class="fieldset">
              <legend class="fieldset__legend">Pour la 1re générale : enseignements de spécialité</legend>
              <p class="field__hint" id="specialites-aide">
                {view.phase === 'provisional'
                  ? 'Choisissez 4 enseignements de spécialité, ou 5 si l’un d’eux est « (hors établissement) ».'
                  : 'Choisissez 3 enseignements de spécialité.'}
              </p>
              <ErrorText id="specialites-erreur" message={specialtyError} />
              {Array.from({ length: view.specialtySlots }, (_, index) => (
                <Select
                  id={`specialite-${index + 1}`}
                  name="specialties"
                  label={
                    view.phase === 'final'
                      ? `Veuillez choisir un enseignement de spécialité (${index + 1} sur ${view.specialtySlots})`
                      : `Enseignement de spécialité ${index + 1}${index === 4 ? ' (seulement si l’un est hors établissement)' : ''}`
                  }
                  value={values.specialties[index] ?? ''}
                  options={view.specialtyChoices}
                  placeholder="Veuillez choisir un enseignement de spécialité"
                  error={specialtyError}
                  errorId="specialites-erreur"
                />
              ))}
            </fieldset>
            <fieldset class="fieldset">
              <legend class="fieldset__legend">Pour la 1re technologique</legend>
              <Select
                id="serie"
                name="series"
                label="Série"
                value={values.series}
                options={view.tracks.filter((t) => t.seriesLabel).map((t) => ({ code: t.code.slice(3), label: `${t.seriesLabel} — ${t.help ?? ''}` }))}
                placeholder="Veuillez choisir une série"
                error={err('series')}
              />
              <Select
                id="specialite-stl"
                name="laboratorySpecialty"
                label="Spécialité (1re STL)"
                value={values.laboratorySpecialty}
                options={view.laboratorySpecialties}
                placeholder="Veuillez choisir une spécialité"
                error={err('laboratorySpecialty')}
              />
            </fieldset>
            <fieldset class="fieldset">
              <legend class="fieldset__legend">Pour un accès à la voie professionnelle</legend>
              <Select
                id="acces-pro"
                name="vocationalRoute"
                label="Formation demandée"
                value={values.vocationalRoute}
                options={view.vocationalRoutes}
                placeholder="Veuillez choisir une formation"
                error={err('vocationalRoute')}
              />
            </fieldset>
          </>
        )}
        <div class="button-group">
          <button type="submit" class="button">
            Ajouter {words.itemInText}
          </button>
          <a class="button button--secondary" href={editorPath} data-dialog-close={ADD_DIALOG_ID}>
            Annuler
          </a>
        </div>
      </form>
    </div>
  );
}

/** Without JavaScript, « Ajouter une intention » is a page of its own. */
export function AddWishPage({ view }: { view: AddFormView }) {
  const words = PHASE_WORDING[view.phase];
  return (
    <>
      <h1>{words.add}</h1>
      <PupilBanner pupil={view.pupil} />
      <AddWishForm view={view} inDialog={false} />
      <RedoublementNotice />
    </>
  );
}
