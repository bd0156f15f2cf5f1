import type { ChildSummary, RepresentativeSummary } from './child-types.js';

const LEVEL_LABELS = { '3e': 'fin de 3e', '2de': 'fin de 2de' } as const;

/** A pupil's orientation page: who the pupil is, where, and who their legal representatives are. */
export function ChildPage({ child, representatives, viewer }: { child: ChildSummary; representatives: RepresentativeSummary[]; viewer: 'representative' | 'pupil' }) {
  return (
    <>
      <h1>
        Orientation de {child.firstName} {child.lastName}
      </h1>
      <dl class="summary-list">
        <dt>Établissement</dt>
        <dd>{child.schoolName}</dd>
        <dt>Classe</dt>
        <dd>{child.divisionName}</dd>
        <dt>Palier d’orientation</dt>
        <dd>{LEVEL_LABELS[child.level]}</dd>
      </dl>
      <h2>Représentants légaux</h2>
      {representatives.length === 0 ? (
        <p>Aucun représentant légal n’est enregistré. Contactez l’établissement.</p>
      ) : (
        <ul>
          {representatives.map((representative) => (
            <li>
              {representative.firstName} {representative.lastName}
              {representative.hasEmail ? '' : ' (pas d’adresse électronique enregistrée)'}
            </li>
          ))}
        </ul>
      )}
      <div class="notice">
        <p>
          {viewer === 'pupil'
            ? 'Tu verras ici les intentions, les choix et les réponses du conseil de classe, dès que ton établissement aura ouvert la procédure.'
            : 'Vous saisirez ici les intentions puis les choix définitifs d’orientation, et vous verrez les réponses du conseil de classe, dès que l’établissement aura ouvert la procédure.'}
        </p>
      </div>
      {viewer === 'representative' ? (
        <p>
          <a href="/famille">Retour à la liste de mes enfants</a>
        </p>
      ) : null}
    </>
  );
}
