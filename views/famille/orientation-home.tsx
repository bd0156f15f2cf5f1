import { PhaseTiles } from '../components/phase-tiles.js';
import { RedoublementNotice } from '../components/redoublement-notice.js';
import { Stepper } from '../components/stepper.js';
import type { HomeView } from './orientation-types.js';

/** A child's orientation home: where the procedure stands, what to do next, and what happened. */
export function OrientationHome({ view }: { view: HomeView }) {
  const { pupil } = view;
  return (
    <>
      <h1>
        Orientation de {pupil.firstName} {pupil.lastName}
      </h1>
      <p class="lead">
        {pupil.divisionName} — {pupil.schoolName}
      </p>
      <Stepper steps={view.steps} />

      <section aria-labelledby="maintenant">
        <h2 id="maintenant">En ce moment</h2>
        <p>{view.nowText}</p>
        {view.intro ? (
          <div class="phase-intro">
            {view.intro.paragraphs.map((text) => (
              <p>{text}</p>
            ))}
            {view.intro.bullets.length > 0 ? (
              <ul>
                {view.intro.bullets.map((text) => (
                  <li>{text}</li>
                ))}
              </ul>
            ) : null}
            {view.intro.after.map((text) => (
              <p>{text}</p>
            ))}
          </div>
        ) : null}
        {view.nextAction ? (
          <p>
            <a class="button" href={view.nextAction.href}>
              {view.nextAction.label}
            </a>
          </p>
        ) : null}
        {view.nextText ? <p>{view.nextText}</p> : null}
        {view.links.length > 0 ? (
          <ul class="link-list">
            {view.links.map((link) => (
              <li>
                <a href={link.href}>{link.label}</a>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {view.schoolMessage ? (
        <section aria-labelledby="message-etablissement" class="notice">
          <h2 id="message-etablissement" class="notice__title">
            Message de l'établissement
          </h2>
          <p>{view.schoolMessage}</p>
        </section>
      ) : null}

      <section aria-labelledby="calendrier">
        <h2 id="calendrier">Calendrier</h2>
        <PhaseTiles tiles={view.tiles} />
      </section>

      <RedoublementNotice />

      <section aria-labelledby="historique">
        <h2 id="historique">Historique</h2>
        {view.timeline.length === 0 ? (
          <p>Aucune saisie n'a encore été faite.</p>
        ) : (
          <ol class="timeline" reversed>
            {view.timeline.map((item) => (
              <li>
                <span class="timeline__date">Le {item.dateText}</span> : {item.sentence}
              </li>
            ))}
          </ol>
        )}
      </section>

      {view.backToChildren ? (
        <p>
          <a href="/famille">Retour à la liste de mes enfants</a>
        </p>
      ) : null}
    </>
  );
}
