import { ErrorSummary } from '../components/error-summary.js';
import { LeaveDialog } from '../components/leave-dialog.js';
import { PupilBanner } from '../components/pupil-banner.js';
import { RedoublementNotice } from '../components/redoublement-notice.js';
import { Stepper } from '../components/stepper.js';
import { WishSummaryList } from '../components/wish-summary-list.js';
import type { EditorView } from './orientation-types.js';
import { PHASE_WORDING } from './phase-wording.js';

export const EDITOR_ID = 'editeur';
export const ADD_DIALOG_ID = 'dialogue-ajout';

const swapEditor = (path: string) => ({ 'data-hx-post': path, 'data-hx-target': `#${EDITOR_ID}`, 'data-hx-swap': 'outerHTML' });

/** The part of the page an htmx request replaces: the list, its state and its buttons. */
export function WishEditor({ view }: { view: EditorView }) {
  const words = PHASE_WORDING[view.phase];
  const path = `${view.basePath}/${words.segment}`;
  return (
    <div id={EDITOR_ID} class="editor" data-unsaved={view.dirty ? 'true' : undefined}>
      {view.flash ? (
        <div class="notice notice--success" id="resultat" tabindex={-1} data-announce={view.flash.text} data-focus-target={view.flash.focusId ?? undefined}>
          <p>{view.flash.text}.</p>
        </div>
      ) : null}
      <ErrorSummary errors={view.errors} title="Votre demande n’a pas pu être prise en compte" />
      {view.paperSigner ? (
        <div class="notice">
          <p>
            Saisie papier par l’établissement pour le compte de <strong>{view.paperSigner}</strong> : recopiez le formulaire signé, dans l’ordre de ses rangs, puis validez. L’historique du dossier le mentionnera.
          </p>
        </div>
      ) : null}
      <p class="phase-header">{words.header}</p>
      {view.mode === 'edit' ? <p>{words.rules(view.maxWishes)}</p> : null}
      {view.dirty ? (
        <div class="notice notice--warning">
          <p>
            <strong>{words.draftBanner}</strong>
          </p>
          <p>{words.draftKept}</p>
        </div>
      ) : null}
      {view.showValidated ? (
        <div class="notice notice--success">
          <p>{words.validated}</p>
        </div>
      ) : null}
      <h2 class="editor__lead">{words.lead}</h2>
      {view.wishes.length === 0 ? (
        <p>{words.none}</p>
      ) : view.mode === 'edit' ? (
        <form method="post" action={`${path}/liste`} {...swapEditor(`${path}/liste`)}>
          <ol class="wish-list">
            {view.wishes.map((wish) => {
              const name = `${words.itemInText} ${wish.rank} : ${wish.title}`;
              const last = wish.rank === view.wishes.length;
              return (
                <li class="wish">
                  <h3 class="wish__title" id={`voeu-${wish.rank}`} tabindex={-1}>
                    {words.item} {wish.rank} : {wish.title}
                  </h3>
                  {wish.lines.length > 0 ? (
                    <ul class="wish__lines">
                      {wish.lines.map((line) => (
                        <li>{line}</li>
                      ))}
                    </ul>
                  ) : null}
                  <div class="wish__actions">
                    {wish.rank > 1 ? (
                      <button type="submit" class="button button--small button--secondary" name="action" value={`monter-${wish.rank}`} id={`monter-${wish.rank}`} aria-label={`Monter ${name}`}>
                        <span aria-hidden="true">↑ </span>Monter
                      </button>
                    ) : null}
                    {!last ? (
                      <button type="submit" class="button button--small button--secondary" name="action" value={`descendre-${wish.rank}`} id={`descendre-${wish.rank}`} aria-label={`Descendre ${name}`}>
                        <span aria-hidden="true">↓ </span>Descendre
                      </button>
                    ) : null}
                    <button type="submit" class="button button--small button--danger" name="action" value={`supprimer-${wish.rank}`} id={`supprimer-${wish.rank}`} aria-label={`Supprimer ${name}`}>
                      Supprimer
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
        </form>
      ) : (
        <WishSummaryList wishes={view.wishes} item={words.recapItem} />
      )}

      {view.mode === 'edit' ? (
        <>
          <p class="field__hint">{words.rankHint}</p>
          {view.canAdd ? (
            <p>
              <a
                class="button button--secondary"
                id="ajouter"
                href={`${path}/ajouter`}
                data-hx-get={`${path}/ajouter`}
                data-hx-target={`#${ADD_DIALOG_ID}-corps`}
                data-hx-swap="innerHTML"
                data-dialog-opener={ADD_DIALOG_ID}
              >
                <span aria-hidden="true">+ </span>
                {words.add}
              </a>
            </p>
          ) : (
            <p>Vous avez saisi le nombre maximal de {words.item.toLowerCase()}s ({view.maxWishes}).</p>
          )}
          <div class="button-group">
            <form method="post" action={`${path}/annuler`} {...swapEditor(`${path}/annuler`)}>
              <button type="submit" class="button button--secondary">
                Annuler
              </button>
            </form>
            <form method="post" action={`${path}/valider`} {...swapEditor(`${path}/valider`)}>
              <button type="submit" class="button">
                {words.validate}
              </button>
            </form>
          </div>
        </>
      ) : (
        <>
          {view.canModify ? (
            <div class="modify">
              <form method="post" action={`${path}/modifier`} {...swapEditor(`${path}/modifier`)}>
                <button type="submit" class="button" aria-describedby="modification-jusqu-au">
                  {words.modify}
                </button>
              </form>
              {view.modifyUntil ? <p id="modification-jusqu-au">Modification possible jusqu'au {view.modifyUntil}</p> : null}
            </div>
          ) : null}
          {view.readOnlyReason ? (
            <div class="notice">
              <p>{view.readOnlyReason}</p>
            </div>
          ) : null}
          {view.wishes.length > 0 && !view.paperSigner ? (
            <p>
              <a href={`${view.basePath}/recapitulatif${words.recapQuery}`}>Version imprimable du récapitulatif</a>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}

export function WishEditorPage({ view }: { view: EditorView }) {
  const words = PHASE_WORDING[view.phase];
  return (
    <>
      <h1>{words.pageTitle}</h1>
      <PupilBanner pupil={view.pupil} />
      <Stepper steps={view.steps} />
      <WishEditor view={view} />
      <dialog id={ADD_DIALOG_ID} class="modal" aria-label={words.dialogTitle}>
        <div id={`${ADD_DIALOG_ID}-corps`}></div>
      </dialog>
      <LeaveDialog message="Vous n'avez pas validé vos modifications, êtes-vous sûr de vouloir quitter cette page ?" />
      <RedoublementNotice />
      <p class="no-print">
        <a href={view.basePath}>
          {view.paperSigner ? 'Retour au dossier de' : "Retour à l'orientation de"} {view.pupil.firstName} {view.pupil.lastName}
        </a>
      </p>
    </>
  );
}
