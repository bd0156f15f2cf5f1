import { ErrorSummary, errorFor } from '../components/error-summary.js';
import { PupilBanner } from '../components/pupil-banner.js';
import { RedoublementNotice } from '../components/redoublement-notice.js';
import { Stepper } from '../components/stepper.js';
import type { DecisionView, ProposalsView, ResponseSummary } from './orientation-types.js';
import { PROPOSALS_WORDING as W } from './proposals-wording.js';
import { LeaveDialog } from '../components/leave-dialog.js';

export const PROPOSALS_ID = 'propositions';

const swap = (path: string) => ({ 'data-hx-post': path, 'data-hx-target': `#${PROPOSALS_ID}`, 'data-hx-swap': 'outerHTML' });

function Summary({ summary }: { summary: ResponseSummary }) {
  return summary.refused ? (
    <p>
      <strong>{W.refuseAll}</strong>
    </p>
  ) : (
    <ul>
      {summary.accepted.map((track) => (
        <li>
          J’accepte la proposition du conseil de classe : <strong>{track.label}</strong>
        </li>
      ))}
    </ul>
  );
}

/** The hidden fields that carry a pending answer from the check page to « Confirmer ». */
function PendingFields({ summary }: { summary: ResponseSummary }) {
  return summary.refused ? <input type="hidden" name="aucune" value="oui" /> : <>{summary.accepted.map((track) => <input type="hidden" name="voie" value={track.code} />)}</>;
}

/** Seed 003: the council's propositions on each choix définitif, the family's réponse and the other representative's accord. */
export function ProposalsPage({ view }: { view: ProposalsView }) {
  return (
    <>
      <h1>{W.pageTitle}</h1>
      <PupilBanner pupil={view.pupil} />
      <Stepper steps={view.steps} />
      <ProposalsPanel view={view} />
      <LeaveDialog message={W.leave} />
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
export function ProposalsPanel({ view }: { view: ProposalsView }) {
  const path = `${view.basePath}/propositions`;
  const choiceError = errorFor(view.errors, 'reponse');
  const accordError = errorFor(view.errors, 'accord');
  const unsaved = view.mode === 'answer' || view.mode === 'check' || view.mode === 'accord' || view.mode === 'accordCheck';
  return (
    <div id={PROPOSALS_ID} class="proposals" data-unsaved={unsaved ? 'true' : undefined}>
      {view.flash ? (
        <div class="notice notice--success" id="resultat" tabindex={-1} data-announce={view.flash} data-focus-target="resultat">
          <p>{view.flash}</p>
        </div>
      ) : null}
      <ErrorSummary errors={view.errors} title="Votre réponse n’a pas pu être prise en compte" />
      <p class="phase-header">{W.header}</p>
      {!view.published ? (
        <p>{W.notPublished}</p>
      ) : (
        <>
          <p>{W.homeLead}</p>
          <ul>
            {W.explanation.map((line) => (
              <li>{line}</li>
            ))}
          </ul>
          <p>{W.eitherRepresentative}</p>

          <h2>Vos choix définitifs et les réponses du conseil de classe</h2>
          {view.items.length === 0 ? (
            <p>Aucun choix définitif n’a été validé.</p>
          ) : (
            <ol class="wish-recap">
              {view.items.map((item) => (
                <li class="wish-recap__item">
                  <p class="wish-recap__title">
                    <strong>Rang {item.rank} :</strong> {item.title}
                  </p>
                  {item.lines.length > 0 ? (
                    <ul class="wish-recap__lines">
                      {item.lines.map((line) => (
                        <li>{line}</li>
                      ))}
                    </ul>
                  ) : null}
                  <p>
                    {item.vocational ? 'Avis du conseil de classe' : 'Proposition du conseil de classe'} : <strong>{item.answer}</strong>
                  </p>
                  {item.vocational ? <p class="field__hint">{W.vocational}</p> : null}
                </li>
              ))}
            </ol>
          )}
          {view.proposed.length > 0 ? (
            <>
              <h2>Voies proposées par le conseil de classe, non demandées</h2>
              <ul>
                {view.proposed.map((label) => (
                  <li>{label}</li>
                ))}
              </ul>
            </>
          ) : null}
          {view.motivations ? (
            <>
              <h2>Motivations du conseil de classe</h2>
              <p>{view.motivations}</p>
            </>
          ) : null}

          {view.mode === 'answer' ? (
            <form method="post" action={`${path}/verifier`} {...swap(`${path}/verifier`)} novalidate>
              <fieldset class={choiceError ? 'fieldset field--error' : 'fieldset'} aria-describedby={choiceError ? 'reponse-aide reponse-erreur' : 'reponse-aide'}>
                <legend class="fieldset__legend">
                  <h2 class="fieldset__heading">{W.responseLegend}</h2>
                </legend>
                <p class="field__hint" id="reponse-aide">
                  {W.responseHint}
                </p>
                {choiceError ? (
                  <p class="field__error" id="reponse-erreur">
                    <span class="visually-hidden">Erreur : </span>
                    {choiceError}
                  </p>
                ) : null}
                {view.options.map((option, index) => (
                  <div class="choice">
                    <input type="checkbox" id={index === 0 ? 'reponse' : `reponse-${index + 1}`} name="voie" value={option.code} checked={option.checked} />
                    <label for={index === 0 ? 'reponse' : `reponse-${index + 1}`}>J’accepte : {option.label}</label>
                  </div>
                ))}
                <p class="choice-separator">ou</p>
                <div class="choice">
                  <input type="checkbox" id={view.options.length === 0 ? 'reponse' : 'aucune'} name="aucune" value="oui" checked={view.refuseChecked} />
                  <label for={view.options.length === 0 ? 'reponse' : 'aucune'}>{W.refuseAll}</label>
                </div>
              </fieldset>
              <button type="submit" class="button">
                {W.check}
              </button>
            </form>
          ) : null}

          {view.mode === 'check' && view.pending ? (
            <section class="check" aria-labelledby="verification">
              <h2 id="verification" tabindex={-1} data-focus-after-swap="">
                {W.checkTitle}
              </h2>
              <p>Vous allez envoyer la réponse suivante :</p>
              <Summary summary={view.pending} />
              <div class="notice notice--warning">
                <p>
                  <strong>{W.checkFinal}</strong>
                </p>
              </div>
              <div class="button-group">
                <form method="post" action={`${path}/confirmer`} {...swap(`${path}/confirmer`)}>
                  <PendingFields summary={view.pending} />
                  <button type="submit" class="button">
                    {W.confirm}
                  </button>
                </form>
                <form method="get" action={path}>
                  <PendingFields summary={view.pending} />
                  <button type="submit" class="button button--secondary">
                    {W.change}
                  </button>
                </form>
              </div>
            </section>
          ) : null}

          {view.response ? (
            <section aria-labelledby="reponse-donnee">
              <h2 id="reponse-donnee">Réponse aux propositions du conseil de classe</h2>
              <p>{view.response.text}</p>
              <Summary summary={view.response.summary} />
              {view.accordText ? <p>{view.accordText}</p> : null}
            </section>
          ) : null}

          {view.accordSettingText ? (
            <div class="notice">
              <p>{view.accordSettingText}</p>
            </div>
          ) : null}

          {view.mode === 'accord' ? (
            <form method="post" action={`${path}/accord/verifier`} {...swap(`${path}/accord/verifier`)} novalidate>
              <fieldset class={accordError ? 'fieldset field--error' : 'fieldset'} aria-describedby={accordError ? 'accord-erreur' : undefined}>
                <legend class="fieldset__legend">
                  <h2 class="fieldset__heading">{W.accordLegend}</h2>
                </legend>
                {accordError ? (
                  <p class="field__error" id="accord-erreur">
                    <span class="visually-hidden">Erreur : </span>
                    {accordError}
                  </p>
                ) : null}
                <div class="choice">
                  <input type="radio" id="accord" name="accord" value="oui" checked={view.accordValue === 'oui'} />
                  <label for="accord">Oui</label>
                </div>
                <div class="choice">
                  <input type="radio" id="accord-non" name="accord" value="non" checked={view.accordValue === 'non'} />
                  <label for="accord-non">Non</label>
                </div>
              </fieldset>
              <button type="submit" class="button">
                {W.check}
              </button>
            </form>
          ) : null}

          {view.mode === 'accordCheck' && view.accordValue ? (
            <section class="check" aria-labelledby="verification">
              <h2 id="verification" tabindex={-1} data-focus-after-swap="">
                {W.checkTitle}
              </h2>
              <p>
                À la question « {W.accordLegend} », vous allez répondre : <strong>{view.accordValue === 'oui' ? 'Oui' : 'Non'}</strong>.
              </p>
              <p>
                {view.accordValue === 'oui'
                  ? 'La réponse acceptée deviendra la décision d’orientation.'
                  : 'Le dossier passera en dialogue avec le chef d’établissement.'}
              </p>
              <div class="notice notice--warning">
                <p>
                  <strong>{W.checkFinal}</strong>
                </p>
              </div>
              <div class="button-group">
                <form method="post" action={`${path}/accord/confirmer`} {...swap(`${path}/accord/confirmer`)}>
                  <input type="hidden" name="accord" value={view.accordValue} />
                  <button type="submit" class="button">
                    {W.confirm}
                  </button>
                </form>
                <form method="get" action={path}>
                  <input type="hidden" name="accord" value={view.accordValue} />
                  <button type="submit" class="button button--secondary">
                    {W.change}
                  </button>
                </form>
              </div>
            </section>
          ) : null}

          {view.refusal ? (
            <div class="notice">
              <p>{view.refusal}</p>
            </div>
          ) : null}
          {view.decisionLink ? (
            <p>
              <a href={`${view.basePath}/decision`}>Voir l’étape « Décision »</a>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}

/** Step 3 « Décision »: the décision d'orientation, or the dialogue and what the school recorded. */
export function DecisionPage({ view }: { view: DecisionView }) {
  return (
    <>
      <h1>{W.decisionTitle}</h1>
      <PupilBanner pupil={view.pupil} />
      <Stepper steps={view.steps} />
      {view.status === 'pending' ? <p>Aucune décision d’orientation n’est encore prise.</p> : null}
      {view.dialogue ? (
        <section aria-labelledby="dialogue" class="notice notice--warning">
          <h2 id="dialogue" class="notice__title">
            Dossier en dialogue avec le chef d’établissement
          </h2>
          <p>
            {view.dialogue.causeText} (le {view.dialogue.dateText})
          </p>
          <p>
            <strong>{W.dialogue}</strong>
          </p>
          <p>{W.paperProcedure}</p>
        </section>
      ) : null}
      {view.decision ? (
        <section aria-labelledby="decision">
          <h2 id="decision">{view.decision.byText}</h2>
          <ul>
            {view.decision.tracks.map((track) => (
              <li>
                <strong>{track}</strong>
              </li>
            ))}
          </ul>
          <p>Le {view.decision.dateText}.</p>
        </section>
      ) : null}
      {view.records.length > 0 ? (
        <section aria-labelledby="suivi">
          <h2 id="suivi">Suite du dialogue, enregistrée par l’établissement</h2>
          <ol class="timeline">
            {view.records.map((record) => (
              <li>
                <strong>{record.title}</strong> — le {record.dateText}
                {record.lines.map((line) => (
                  <p>{line}</p>
                ))}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <p>
        <a href={`${view.basePath}/propositions`}>Propositions du conseil de classe et réponse</a>
      </p>
      <p>
        <a href={view.basePath}>
          Retour à l'orientation de {view.pupil.firstName} {view.pupil.lastName}
        </a>
      </p>
    </>
  );
}
