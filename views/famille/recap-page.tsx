import { WishSummaryList } from '../components/wish-summary-list.js';
import type { RecapView } from './orientation-types.js';
import { PHASE_WORDING } from './phase-wording.js';

/** The printable récapitulatif: one A4 page, no navigation (print stylesheet). */
export function RecapPage({ view }: { view: RecapView }) {
  const words = PHASE_WORDING[view.phase];
  return (
    <div class="recap-sheet">
      <h1>{words.recapTitle}</h1>
      <dl class="summary-list">
        <dt>Élève</dt>
        <dd>
          {view.pupil.firstName} {view.pupil.lastName}
        </dd>
        <dt>Classe</dt>
        <dd>{view.pupil.divisionName}</dd>
        <dt>Établissement</dt>
        <dd>{view.pupil.schoolName}</dd>
        <dt>Validé le</dt>
        <dd>{view.validatedAtText ?? 'Non validé'}</dd>
        <dt>Par</dt>
        <dd>{view.authorName ?? '—'}</dd>
      </dl>
      <p class="phase-header">{words.header}</p>
      <h2>{words.lead}</h2>
      {view.wishes.length === 0 ? <p>{words.none}</p> : <WishSummaryList wishes={view.wishes} item={words.recapItem} />}
      <p class="recap-sheet__printed">Document édité le {view.printedAtText}.</p>
      <p class="no-print">
        <button type="button" class="button" data-print hidden>
          Imprimer
        </button>{' '}
        <a href={`${view.basePath}/${words.segment}`}>Retour à la saisie</a>
      </p>
    </div>
  );
}
