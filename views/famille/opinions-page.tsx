import { ErrorSummary } from '../components/error-summary.js';
import { PupilBanner } from '../components/pupil-banner.js';
import { RedoublementNotice } from '../components/redoublement-notice.js';
import { Stepper } from '../components/stepper.js';
import type { OpinionsView } from './orientation-types.js';
import { LeaveDialog } from '../components/leave-dialog.js';

export const ACKNOWLEDGE_LEAVE_MESSAGE = "Vous n'avez pas validé l'accusé de réception, êtes-vous sûr de vouloir quitter cette page ?";

/** Seed 004: the council's avis provisoire on each intention, and the accusé de réception. */
export function OpinionsPage({ view }: { view: OpinionsView }) {
  return (
    <>
      <h1>AVIS PROVISOIRE(S) D'ORIENTATION</h1>
      <PupilBanner pupil={view.pupil} />
      <Stepper steps={view.steps} />
      <OpinionsPanel view={view} />
      <LeaveDialog message={ACKNOWLEDGE_LEAVE_MESSAGE} />
      <RedoublementNotice />
      <p>
        <a href={view.basePath}>
          Retour à l'orientation de {view.pupil.firstName} {view.pupil.lastName}
        </a>
      </p>
    </>
  );
}

/** The part an htmx request replaces. */
export function OpinionsPanel({ view }: { view: OpinionsView }) {
  const path = `${view.basePath}/avis-provisoire`;
  // Sent here before the choix définitifs: after the accusé de réception, go on to them.
  const formPath = view.notice ? `${path}?suite=choix-definitifs` : path;
  return (
      <div id="avis" class="opinions" data-unsaved={view.canAcknowledge ? 'true' : undefined}>
        {view.notice ? (
          <div class="notice notice--warning" data-announce={view.notice}>
            <p>{view.notice}</p>
          </div>
        ) : null}
        {view.flash ? (
          <div class="notice notice--success" data-announce={view.flash}>
            <p>{view.flash}</p>
          </div>
        ) : null}
        <ErrorSummary errors={view.errors} />
        <p class="phase-header">Deuxième trimestre ou premier semestre</p>
        {!view.published ? (
          <p>L'avis provisoire du conseil de classe n'est pas encore publié. Il sera visible ici dès que l'établissement l'aura publié.</p>
        ) : (
          <>
            {view.canAcknowledge ? (
              <p>Pour accuser réception de l'avis provisoire, cochez la case en bas de page puis cliquez sur « Valider ».</p>
            ) : null}
            <ol class="wish-recap">
              {view.items.map((item) => (
                <li class="wish-recap__item">
                  <h2 class="wish-recap__heading">
                    Intention {item.rank} : {item.title}
                  </h2>
                  {item.lines.length > 0 ? (
                    <ul class="wish-recap__lines">
                      {item.lines.map((line) => (
                        <li>{line}</li>
                      ))}
                    </ul>
                  ) : null}
                  <p class="opinion">{item.opinion}</p>
                </li>
              ))}
            </ol>
            <h2>Recommandation du conseil de classe pour une voie d'orientation non demandée par les représentants légaux</h2>
            <p>{view.recommendation ?? 'Aucune.'}</p>
            <h2>Motivations du conseil de classe concernant le ou les avis défavorables ou réservés et recommandations</h2>
            <p>{view.motivations || 'Sans objet.'}</p>
            {view.acknowledgedText ? (
              <div class="notice notice--success">
                <p>{view.acknowledgedText}</p>
              </div>
            ) : null}
            {view.canAcknowledge ? (
              <form method="post" action={formPath} data-hx-post={formPath} data-hx-target="#avis" data-hx-swap="outerHTML" novalidate>
                <div class={view.errors.length > 0 ? 'field field--error' : 'field'}>
                  {view.errors.length > 0 ? (
                    <p class="field__error" id="pris-connaissance-erreur">
                      <span class="visually-hidden">Erreur : </span>
                      {view.errors[0]!.message}
                    </p>
                  ) : null}
                  <div class="choice">
                    <input
                      type="checkbox"
                      id="pris-connaissance"
                      name="pris_connaissance"
                      value="oui"
                      aria-invalid={view.errors.length > 0 ? 'true' : undefined}
                      aria-describedby={view.errors.length > 0 ? 'pris-connaissance-erreur' : undefined}
                    />
                    <label for="pris-connaissance">J'ai bien pris connaissance de l'avis provisoire d'orientation du conseil de classe.</label>
                  </div>
                </div>
                <div class="button-group">
                  <button type="submit" class="button">
                    Valider
                  </button>
                </div>
              </form>
            ) : null}
            {view.refusal ? (
              <div class="notice">
                <p>{view.refusal}</p>
              </div>
            ) : null}
          </>
        )}
      </div>
  );
}
